import BudgetCore

/// A rule that judges one estimate line against the plan.
///
/// Rules are plain functions held in a value, not protocol existentials: the validator
/// calls each registered rule for every line of files with a million lines, and a list
/// of function values costs one indirect call per rule and line, no boxing. Every rule
/// is also callable alone, which is how the tests reach it.
public struct LineRule: Sendable {
    /// The code the rule raises.
    public let code: FindingCode
    /// Appends the rule's findings for `line` to `findings`. `memory` is what rules keep
    /// between lines (most keep nothing).
    public let check:
        @Sendable (
            _ line: CheckedLine, _ context: LineContext, _ memory: inout LineMemory, _ findings: inout [Finding]
        ) -> Void

    /// Which of the rules of this module this is, if one: the validator calls those
    /// directly. Calling through `check` retained and released the function's context
    /// around every call, five times a line.
    let builtIn: BuiltIn?

    public init(
        code: FindingCode,
        check: @escaping @Sendable (CheckedLine, LineContext, inout LineMemory, inout [Finding]) -> Void
    ) {
        self.code = code
        self.check = check
        builtIn = nil
    }

    /// One of the rules of this module, with its code and its function.
    init(_ builtIn: BuiltIn) {
        switch builtIn {
        case .unknownItem: (code, check) = (.unknownItem, UnknownItemRule.check)
        case .itemNotAssigned: (code, check) = (.itemNotAssigned, ItemNotAssignedRule.check)
        case .negativeAmount: (code, check) = (.negativeAmount, NegativeAmountRule.check)
        case .amountMismatch: (code, check) = (.amountMismatch, AmountMismatchRule.check)
        case .duplicateLine: (code, check) = (.duplicateLine, DuplicateLineRule.check)
        }
        self.builtIn = builtIn
    }

    enum BuiltIn: Sendable, CaseIterable {
        case unknownItem, itemNotAssigned, negativeAmount, amountMismatch, duplicateLine
    }

    /// Runs the rule: the same as calling ``check``, except that `duplicate-line` may hold
    /// the line back (``DuplicateLineRule/stage(_:_:)``) until the memory is flushed
    /// (``LineMemory/flush(_:_:)``), which the caller must do before reading `findings`.
    @inline(__always)
    func run(_ line: CheckedLine, _ context: LineContext, _ memory: inout LineMemory, _ findings: inout [Finding]) {
        switch builtIn {
        case .unknownItem: UnknownItemRule.check(line, context, &memory, &findings)
        case .itemNotAssigned: ItemNotAssignedRule.check(line, context, &memory, &findings)
        case .negativeAmount: NegativeAmountRule.check(line, context, &memory, &findings)
        case .amountMismatch: AmountMismatchRule.check(line, context, &memory, &findings)
        case .duplicateLine: DuplicateLineRule.stage(line, &memory)
        case nil: check(line, context, &memory, &findings)
        }
    }
}

/// The registered line rules, in the order they run. Adding a rule means adding it here.
public enum LineRules {
    /// Every line rule, run in this order on each line.
    public static let registered: [LineRule] = [
        UnknownItemRule.rule,
        ItemNotAssignedRule.rule,
        NegativeAmountRule.rule,
        AmountMismatchRule.rule,
        DuplicateLineRule.rule,
    ]
}

/// An estimate line with its plan item looked up once, for all rules.
public struct CheckedLine: Sendable, Hashable {
    /// The line as the reader gave it.
    public var line: EstimateLine
    /// The plan item the line's code matches, or `nil` for an unknown code.
    public var item: PlanItem?

    public init(line: EstimateLine, item: PlanItem?) {
        self.line = line
        self.item = item
    }

    /// Looks the line's item up in `plan`.
    public init(line: EstimateLine, plan: Plan) {
        self.init(line: line, item: plan.item(matching: line.itemCode))
    }
}

/// What line rules may consult: the plan, the file's agency and its columns. Fixed for a
/// file once its preamble is read.
///
/// A value with its fields in one shared, immutable box: the validator passes the context
/// to every rule for every line, and copying a `Plan` (a dozen strings, arrays and
/// dictionaries) each time cost a retain and a release of each of them per rule and line.
/// Copying the box costs one.
public struct LineContext: Sendable {
    private final class Storage: Sendable {
        let plan: Plan
        let agency: Party?
        let columns: [ColumnField: ColumnRef]
        let itemCodes: [String]
        let compactItemCodes: [String: String]

        init(plan: Plan, agency: Party?, columns: [ColumnField: ColumnRef]) {
            self.plan = plan
            self.agency = agency
            self.columns = columns
            itemCodes = plan.items.map(\.code)
            var compact: [String: String?] = [:]
            for code in itemCodes {
                let key = LineContext.compactKey(code)
                compact[key] = compact[key] == nil ? .some(code) : .some(nil)
            }
            compactItemCodes = compact.compactMapValues { $0 }
        }
    }

    private let storage: Storage

    /// The plan lines are judged against.
    public var plan: Plan { storage.plan }
    /// The file's agency when its sources agree; `nil` disables the rules that need it.
    public var agency: Party? { storage.agency }
    /// Where each field sits in the file, for the column name and number of findings.
    public var columns: [ColumnField: ColumnRef] { storage.columns }
    /// The plan's item codes, for suggestions.
    var itemCodes: [String] { storage.itemCodes }
    /// Item codes keyed without "." and spaces, upper case, for codes that match only
    /// that way ("IV2a", "IV. 2. a" → "IV.2.a"); keys shared by two items are left out.
    var compactItemCodes: [String: String] { storage.compactItemCodes }

    public init(plan: Plan, agency: Party?, columns: [ColumnField: ColumnRef]) {
        storage = Storage(plan: plan, agency: agency, columns: columns)
    }

    /// `code` upper case without "." and white space.
    static func compactKey(_ code: String) -> String {
        String(String.UnicodeScalarView(code.uppercased().unicodeScalars.filter { $0 != "." && !Folding.isSpace($0) }))
    }

    /// A finding located at `field`'s column of `line`.
    func finding(
        _ code: FindingCode, line: Int, field: ColumnField, value: String? = nil, item: String? = nil,
        agency: String? = nil, variant: String = "", arguments: [String: String] = [:]
    ) -> Finding {
        let column = columns[field]
        return Finding(
            code, line: line, column: column?.name, columnNumber: column?.number, value: value, item: item,
            agency: agency, variant: variant, arguments: arguments)
    }
}

/// What line rules remember between lines of one file.
///
/// Kept small on purpose: a 64-bit hash and a line number per line for `duplicate-line`
/// (`DuplicateLog`, about 13 bytes a line when the validator runs the rule, so a
/// million lines cost about 14 MB; `FirstLineTable`, 15–23 bytes a distinct line, when
/// the rule runs alone), and a bounded cache of suggestions for unknown codes.
public struct LineMemory: Sendable {
    /// The first (lowest) line seen for each duplicate key hash, when the rule runs alone
    /// (``DuplicateLineRule/check(_:_:_:_:)``).
    var firstLines = FirstLineTable()
    /// The plan item of the line being checked — its index in the plan's items and its
    /// ``DuplicateLineRule/itemKey(_:)`` — when the validator gives it (set before each
    /// line's rules run, `nil` for a line without a plan item); `nil` otherwise, and the
    /// rule makes the key from the item's code.
    var item: (index: Int32, key: UInt64)?
    /// The lines `duplicate-line` judges when flushed (``DuplicateLineRule/stage(_:_:)``).
    var duplicates = DuplicateLog()
    /// Suggestions already computed for unknown codes, by code key.
    var suggestions: [String: String?] = [:]

    /// How many distinct unknown codes get a suggestion; past that, none, so that a file
    /// of a million different wrong codes cannot cost a million edit-distance searches.
    static let suggestionLimit = 4_096

    public init() {}

    /// Memory sized for about `expectedLines` lines (see
    /// ``SubmissionValidator/init(plan:agencyFlag:expectedLines:)``).
    init(expectedLines: Int) {
        duplicates = DuplicateLog(expectedLines: expectedLines)
    }

    /// Judges the lines rules held back, appending their findings: to be called after the
    /// last line, before the findings are read.
    public mutating func flush(_ context: LineContext, _ findings: inout [Finding]) {
        DuplicateLineRule.flush(context, &self, &findings)
    }
}
