import BudgetCore

/// A rule that judges one estimate line against the plan, as a value: its code and its
/// function. ``LineRules/registered`` lists the registered rules this way, and any rule
/// can be run alone through it (the tests do).
public struct LineRule: Sendable {
    /// The code the rule raises.
    public let code: FindingCode
    /// Appends the rule's findings for `line` to `findings`. `memory` is what rules keep
    /// between lines (most keep nothing).
    public let check:
        @Sendable (
            _ line: CheckedLine, _ context: LineContext, _ memory: inout LineMemory, _ findings: inout [Finding]
        ) -> Void

    public init(
        code: FindingCode,
        check: @escaping @Sendable (CheckedLine, LineContext, inout LineMemory, inout [Finding]) -> Void
    ) {
        self.code = code
        self.check = check
    }
}

/// What every line rule of this module is: a type with its code and its function as
/// static members. ``LineRules/List`` names the registered ones, and the validator calls
/// them through it — statically, with nothing to look up or retain per call.
public protocol RegisteredLineRule: Sendable {
    /// The code the rule raises.
    static var code: FindingCode { get }
    /// Appends the rule's findings for one line (see ``LineRule/check``).
    static func check(
        _ line: CheckedLine, _ context: LineContext, _ memory: inout LineMemory, _ findings: inout [Finding])
    /// What the validator runs for each line: ``check(_:_:_:_:)``, unless the rule holds
    /// lines back to judge them together (`duplicate-line`, ``DuplicateLineRule/stage(_:_:)``);
    /// the validator flushes held lines (``LineMemory/flush(_:_:)``) before reading findings.
    static func run(
        _ line: CheckedLine, _ context: LineContext, _ memory: inout LineMemory, _ findings: inout [Finding])
}

extension RegisteredLineRule {
    public static func run(
        _ line: CheckedLine, _ context: LineContext, _ memory: inout LineMemory, _ findings: inout [Finding]
    ) {
        check(line, context, &memory, &findings)
    }

    /// The rule as a value.
    public static var rule: LineRule { LineRule(code: code, check: { check($0, $1, &$2, &$3) }) }
}

/// A list of line rules as a type: the one list that both builds ``LineRules/registered``
/// and dispatches the validator's calls (``run(_:_:_:_:)``: each rule in order, called
/// directly — the pack expands at compile time into one call per rule).
public struct RuleList<each Rule: RegisteredLineRule> {
    /// Runs every rule of the list on `line`, in order.
    @inline(__always)
    public static func run(
        _ line: CheckedLine, _ context: LineContext, _ memory: inout LineMemory, _ findings: inout [Finding]
    ) {
        repeat (each Rule).run(line, context, &memory, &findings)
    }

    /// The rules as values, in order.
    public static var rules: [LineRule] {
        var rules: [LineRule] = []
        repeat rules.append((each Rule).rule)
        return rules
    }
}

/// The registered line rules, in the order they run.
public enum LineRules {
    /// **The** list: adding a line rule means adding its type here (and, if the rule can
    /// find something on a line ``QuietLine`` calls quiet, a condition there — a test
    /// checks the two agree).
    public typealias List = RuleList<
        UnknownItemRule, ItemNotAssignedRule, NegativeAmountRule, AmountMismatchRule, DuplicateLineRule
    >

    /// Every line rule, in the order it runs on each line.
    public static let registered: [LineRule] = List.rules
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
        let codes: ItemCodeTables

        init(plan: Plan, agency: Party?, columns: [ColumnField: ColumnRef]) {
            self.plan = plan
            self.agency = agency
            self.columns = columns
            codes = ItemCodeTables.tables(for: plan)
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
    var itemCodes: [String] { storage.codes.itemCodes }
    /// Item codes keyed without "." and spaces, upper case, for codes that match only
    /// that way ("IV2a", "IV. 2. a" → "IV.2.a"); keys shared by two items are left out.
    var compactItemCodes: [String: String] { storage.codes.compactItemCodes }

    public init(plan: Plan, agency: Party?, columns: [ColumnField: ColumnRef]) {
        storage = Storage(plan: plan, agency: agency, columns: columns)
    }

    /// `code` upper case without "." and white space.
    static func compactKey(_ code: String) -> String {
        // ASCII (every plan's item code is): upper-cased and filtered byte by byte, the
        // same key as the general path, without a string a step.
        let utf8 = code.utf8
        if utf8.allSatisfy({ $0 < 0x80 }) {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(utf8.count)
            for byte in utf8 where byte != 0x2E && !Folding.isSpace(Unicode.Scalar(byte)) {
                bytes.append(byte >= 0x61 && byte <= 0x7A ? byte - 0x20 : byte)
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        return String(
            String.UnicodeScalarView(code.uppercased().unicodeScalars.filter { $0 != "." && !Folding.isSpace($0) }))
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
