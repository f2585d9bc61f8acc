import BudgetCore

/// Judges a submission against the plan while the reader streams it.
///
/// The reader (BudgetIntake) knows CSV, not plans: it calls ``begin(_:)`` with what it
/// found above the table, ``consume(_:)`` for each estimate line, perhaps ``restart()``,
/// and returns an `IntakeReport`; ``finish(report:)`` then adds the file-level rules and
/// returns a ``Validation``. The validator keeps no lines: per line it runs the
/// registered ``LineRules`` and adds the amount to running sums, so memory does not grow
/// with the file beyond the duplicate-line hashes and the findings themselves.
///
/// - `begin` resolves the agency (``AgencyResolver``) and checks the `Kế hoạch` row
///   (``PlanMismatchRule``).
/// - `consume` looks the item up once and runs every line rule (``LineRules/List``).
/// - `finish` runs the registered ``FileRules``. If the reader never found a header (and
///   so never called `begin`), the agency comes from the flag alone and its absence is
///   not reported: the reader's `no-header` or encoding error already explains the file.
public struct SubmissionValidator: LineConsumer, Sendable {
    /// The plan lines are judged against.
    public let plan: Plan
    /// The `--agency` value, if given; the first source of the agency.
    public let agencyFlag: String?

    private var begun = false
    private var resolution = AgencyResolution(agency: nil, isSettled: false, findings: [])
    private var preambleFindings: [Finding] = []
    private var context: LineContext
    private var memory: LineMemory
    /// The number of lines the caller expects (0: no guess).
    private let expectedLines: Int
    private var lineFindings: [Finding] = []
    private var lineCount = 0
    private var linesWithoutAmount = 0
    private var total: Money? = .zero
    /// The running sum per plan item, by index in `plan.items`: `nil` until the item has
    /// a line with an amount. An array, not a dictionary keyed by code: the sum is updated
    /// for every line, and hashing the code each time cost more than the rules.
    private var itemSums: [Money?]
    /// Items whose sum overflowed: they are left out of the totals for good.
    private var itemOverflowed: [Bool]
    /// ``DuplicateLineRule/itemKey(_:)`` of each plan item's code, by index: made once,
    /// not for every line.
    private let itemKeys: [UInt64]
    /// The items that codes as written matched: a file uses a few dozen codes over and
    /// over, and the plan's lookup keys and hashes the code each time.
    private var lookups = ItemLookupCache()
    /// The line being checked, with its item: kept in place between lines so that handing
    /// it to each rule never copies it (a fresh local was copied once more per line).
    private var current = CheckedLine(line: EstimateLine(line: 0, itemCode: "", amount: nil), item: nil)
    /// ``QuietLine/items(_:agency:)`` for the file's agency; set by ``begin(_:)``.
    private var quietItems: [Bool]
    /// The plan item of each code number of the reader's ``ItemCodes`` (-1: none), and the
    /// table and generation those numbers belong to.
    private var codeItems: [Int32] = []
    private var codeTable: ObjectIdentifier?
    private var codeGeneration = 0

    /// - Parameters:
    ///   - plan: the plan to judge against.
    ///   - agencyFlag: the `--agency` value, if given.
    public init(plan: Plan, agencyFlag: String?) {
        self.init(plan: plan, agencyFlag: agencyFlag, expectedLines: 0)
    }

    /// A validator that sizes its duplicate-line memory for about `expectedLines` lines
    /// up front, so that a large file does not grow it as it goes. The guess affects
    /// only memory and speed, never the findings: a low one lets the memory grow, a high
    /// one (clamped, see ``FirstLineTable/maxExpectedKeys``) leaves slots unused.
    ///
    /// - Parameters:
    ///   - plan: the plan to judge against.
    ///   - agencyFlag: the `--agency` value, if given.
    ///   - expectedLines: about how many estimate lines the file has; 0 for no guess.
    public init(plan: Plan, agencyFlag: String?, expectedLines: Int) {
        self.plan = plan
        self.agencyFlag = agencyFlag
        self.expectedLines = expectedLines
        memory = expectedLines > 0 ? LineMemory(expectedLines: expectedLines) : LineMemory()
        context = LineContext(plan: plan, agency: nil, columns: [:])
        itemSums = Array(repeating: nil, count: plan.items.count)
        itemOverflowed = Array(repeating: false, count: plan.items.count)
        itemKeys = plan.items.map { DuplicateLineRule.itemKey($0.code) }
        quietItems = QuietLine.items(plan, agency: nil)
    }

    /// Resolves the agency from the flag and the key rows, and checks the plan row.
    public mutating func begin(_ preamble: Preamble) {
        begun = true
        resolution = AgencyResolver.resolve(flag: agencyFlag, keyRows: preamble.keyRows, plan: plan)
        preambleFindings = PlanMismatchRule.check(preamble, plan: plan)
        context = LineContext(
            plan: plan, agency: resolution.isSettled ? resolution.agency : nil, columns: preamble.columns)
        quietItems = QuietLine.items(plan, agency: context.agency)
    }

    /// Runs every line rule on `line` and adds its amount to the sums.
    ///
    /// Complexity: O(1) amortised per line, plus a suggestion search for a new unknown code.
    public mutating func consume(_ line: consuming EstimateLine) {
        if !begun { begin(Preamble(keyRows: [], columns: [:], headerLine: 0)) }
        current.line = line
        let index: Int?
        if let cached = lookups.cachedIndex(current.line.itemCode) {
            index = cached
        } else {
            index = plan.itemIndex(matching: current.line.itemCode)
            lookups.remember(current.line.itemCode, index)
        }
        let amount = current.line.amount
        current.item = if let index { plan.items[index] } else { nil }
        memory.item = index.map { (Int32(truncatingIfNeeded: $0), itemKeys[$0]) }
        LineRules.List.run(current, context, &memory, &lineFindings)
        count(amount, item: index)
    }

    /// Judges a line read without its text: a quiet line (``QuietLine``) is counted and
    /// given to `duplicate-line` here; any other goes through every rule as an
    /// ``EstimateLine``, exactly as ``consume(_:)-(EstimateLine)`` would take it.
    public mutating func consume(_ line: KeyedLine, codes: ItemCodes) {
        if !begun { begin(Preamble(keyRows: [], columns: [:], headerLine: 0)) }
        let index = item(of: line.code, in: codes)
        guard index >= 0,
            QuietLine.isQuiet(line, itemIsQuiet: quietItems.withUnsafeBufferPointer { $0[Int(index)] })
        else {
            consume(line.estimateLine(codes: codes))
            return
        }
        if let amount = line.amount {
            DuplicateLineRule.stage(
                itemKey: itemKeys.withUnsafeBufferPointer { $0[Int(index)] }, item: index,
                descriptionKey: line.descriptionKey, amount: amount, line: line.line, &memory)
        }
        count(line.amount, item: Int(index))
    }

    /// The plan item (index, or -1) of code number `code` of `codes`, looked up in the plan
    /// the first time the number is seen.
    @inline(__always)
    private mutating func item(of code: Int32, in codes: ItemCodes) -> Int32 {
        if codes.generation != codeGeneration || ObjectIdentifier(codes) != codeTable {
            codeItems.removeAll(keepingCapacity: true)
            codeTable = ObjectIdentifier(codes)
            codeGeneration = codes.generation
        }
        let number = Int(code)
        if number < codeItems.count { return codeItems.withUnsafeBufferPointer { $0[number] } }
        while codeItems.count <= number {
            let index = plan.itemIndex(matching: codes.text(Int32(truncatingIfNeeded: codeItems.count)))
            codeItems.append(index.map { Int32(truncatingIfNeeded: $0) } ?? -1)
        }
        return codeItems[number]
    }

    /// Counts a line and adds its amount to the total and to its item's sum.
    @inline(__always)
    private mutating func count(_ amount: Money?, item index: Int?) {
        lineCount += 1
        guard let amount else {
            linesWithoutAmount += 1
            return
        }
        total = total.flatMap { $0.adding(amount) }
        if let index, !itemOverflowed[index] {
            if let sum = (itemSums[index] ?? .zero).adding(amount) {
                itemSums[index] = sum
            } else {
                itemSums[index] = nil
                itemOverflowed[index] = true
            }
        }
    }

    /// The sum per item, keyed by the plan's canonical code, for the items whose sum fits.
    private var totalsByItem: [String: Money] {
        var totals: [String: Money] = [:]
        for (index, sum) in itemSums.enumerated() {
            if let sum { totals[plan.items[index].code] = sum }
        }
        return totals
    }

    /// Forgets everything, as if nothing had been read: the reader starts over.
    public mutating func restart() {
        self = SubmissionValidator(plan: plan, agencyFlag: agencyFlag, expectedLines: expectedLines)
    }

    /// Runs the file rules and returns the result.
    ///
    /// - Parameter report: what the reader returned for this file.
    /// - Complexity: O(f log f) for f findings, plus O(t + w) for total and words rows.
    public mutating func finish(report: IntakeReport) -> Validation {
        memory.flush(context, &lineFindings)
        var agencyResolution = resolution
        var columns = context.columns
        var findings = preambleFindings
        if !begun {
            let keyRows = report.preamble?.keyRows ?? []
            agencyResolution = AgencyResolver.resolve(flag: agencyFlag, keyRows: keyRows, plan: plan)
            if report.preamble == nil {
                agencyResolution.findings.removeAll { $0.code == .missingAgency }
            } else if let preamble = report.preamble {
                findings += PlanMismatchRule.check(preamble, plan: plan)
            }
            columns = report.preamble?.columns ?? [:]
        }
        findings += agencyResolution.findings
        findings += lineFindings
        let totals = totalsByItem
        let facts = FileFacts(
            plan: plan, agency: agencyResolution.agency, report: report, columns: columns, lineCount: lineCount,
            linesWithoutAmount: linesWithoutAmount, total: total, totalsByItem: totals)
        for rule in FileRules.registered {
            rule.check(facts, &findings)
        }
        findings.sort(by: Finding.reportOrder)
        let isValid = !findings.contains(where: \.isError) && !report.findings.contains(where: \.isError)
        return Validation(
            agency: agencyResolution.agency, findings: findings, lineCount: lineCount, total: total,
            totalsByItem: totals, isValid: isValid)
    }
}
