import BudgetCore
import BudgetTestSupport
import Testing

@testable import BudgetRules

private typealias L = Fixtures

@Suite("Duplicate-line log")
struct DuplicateLogTests {
    /// A recorded line: its key, line number, amount and item (plan index, or a code).
    struct Recorded {
        var key: UInt64
        var line: Int32
        var amount: Int64
        var item: Int32
        var code: String?
    }

    /// What a first-line table answers line by line: the findings `check` would give.
    static func lineByLine(_ lines: [Recorded]) -> [String] {
        var table = FirstLineTable()
        var found: [String] = []
        for line in lines {
            guard let earlier = table.remember(line.key, line: line.line), earlier != line.line else { continue }
            found.append(describe(code(line), line.amount, max(earlier, line.line), min(earlier, line.line)))
        }
        return found
    }

    static func code(_ line: Recorded) -> String { line.code ?? L.plan.items[Int(line.item)].code }

    static func describe(_ code: String, _ amount: Int64, _ duplicate: Int32, _ original: Int32) -> String {
        "\(duplicate)→\(original) \(code) \(amount)"
    }

    static func record(_ lines: some Sequence<Recorded>, into log: inout DuplicateLog) {
        for line in lines {
            if let code = line.code {
                log.record(line.key, line: line.line, amount: line.amount, code: code)
            } else {
                log.record(line.key, line: line.line, amount: line.amount, item: line.item)
            }
        }
    }

    static func judge(_ log: inout DuplicateLog) -> [String] {
        var found: [String] = []
        log.judge(L.plan) { found.append(describe($0, $1, $2, $3)) }
        return found
    }

    /// `count` lines drawn from `distinct` keys (so many repeat), a few out of order, some
    /// without a plan item.
    static func lines(count: Int, distinct: UInt64, seed: UInt64) -> [Recorded] {
        var random = SplitMix(seed: seed)
        var lines: [Recorded] = []
        for n in 0..<count {
            let k = random.next() % distinct
            let key = FirstLineTableTests.key(k)
            let unknown = k % 11 == 0
            lines.append(
                Recorded(
                    key: key, line: Int32(7 + n), amount: Int64(k % 1_000) * 1_000, item: Int32(k % 3),
                    code: unknown ? "X.\(k)" : nil))
        }
        for _ in 0..<count / 50 {
            lines.swapAt(Int(random.next() % UInt64(count)), Int(random.next() % UInt64(count)))
        }
        return lines
    }

    @Test(
        "judged at the end, the findings are those of looking each line up as it came",
        arguments: [
            (2_000, UInt64(1_500), 0, DuplicateLog.maxBits), (20_000, 30_000, 0, DuplicateLog.maxBits),
            (20_000, 30_000, 100_000, DuplicateLog.maxBits), (5_000, 2_000, 0, 128), (5_000, 100_000, 0, 1 << 10),
        ])
    func sameAsLineByLine(count: Int, distinct: UInt64, expected: Int, maxBits: Int) {
        let lines = Self.lines(count: count, distinct: distinct, seed: UInt64(count) &* distinct)
        var log = DuplicateLog(expectedLines: expected, maxBits: maxBits)
        Self.record(lines, into: &log)
        #expect(log.count == count)
        let expectedFindings = Self.lineByLine(lines)
        #expect(!expectedFindings.isEmpty)
        #expect(Self.judge(&log) == expectedFindings)
        #expect(Self.judge(&log).isEmpty, "a second flush gives nothing new")
    }

    @Test("flushed several times along the way, each finding comes once, the same as at the end")
    func flushedAlongTheWay() {
        let lines = Self.lines(count: 6_000, distinct: 2_500, seed: 42)
        var log = DuplicateLog()
        var found: [String] = []
        for start in stride(from: 0, to: lines.count, by: 1_000) {
            Self.record(lines[start..<min(lines.count, start + 1_000)], into: &log)
            found += Self.judge(&log)
        }
        #expect(found == Self.lineByLine(lines))
    }

    @Test("the bitmap grows with the file, so that few lines that repeat nothing become candidates")
    func growsWithTheFile() {
        let count = 200_000
        func candidates(_ log: inout DuplicateLog, lines: Int) -> Int {
            for n in 0..<lines {
                log.record(FirstLineTableTests.key(UInt64(n)), line: Int32(n), amount: 1, item: 0)
            }
            #expect(Self.judge(&log).isEmpty, "no line repeats another")
            return log.candidates.count
        }
        // Between growths the bitmap has 4 to 16 bits a line, two set by each key: about
        // one line in sixteen finds both its bits set by others (6.4 % in a simulation).
        var growing = DuplicateLog()
        let grown = candidates(&growing, lines: count)
        #expect(grown < count / 10)
        #expect(grown > count / 40, "not a bitmap much larger than the rule says")
        // Sized for the file up front: 4 to 8 bits a line all along (4.0 % simulated).
        var sized = DuplicateLog(expectedLines: count)
        #expect(candidates(&sized, lines: count) < grown)
        // A bitmap that cannot grow (128 bits): nearly every line is a candidate.
        var tiny = DuplicateLog(maxBits: 128)
        #expect(candidates(&tiny, lines: 10_000) > 8_000)
    }

    @Test("a line without a plan item keeps its code for the finding")
    func unknownCode() {
        var log = DuplicateLog()
        log.record(1, line: 7, amount: 5, code: "X.9")
        log.record(2, line: 8, amount: 5, item: 1)
        log.record(1, line: 9, amount: 5, code: "X.9")
        log.record(2, line: 10, amount: 5, item: 1)
        #expect(Self.judge(&log) == ["9→7 X.9 5", "10→8 IV.5.a 5"])
    }

    @Test("the validator's findings are the rule's alone, line by line, on a large random file")
    func validatorAgreesWithRule() {
        let descriptions = (0..<40).map { "Mục \($0)" }
        var random = SplitMix(seed: 7)
        var lines: [EstimateLine] = []
        for n in 0..<20_000 {
            let pick = random.next()
            let code = ["IV.5.a", "IV.7", "IV.2.a", "X.1"][Int(pick % 4)]
            let description = descriptions[Int((pick >> 8) % 40)]
            lines.append(
                EstimateLine(
                    line: 7 + n, itemCode: code, descriptionKey: Folding.caseAndSpaceKey(description),
                    amount: Money(dong: Int64((pick >> 16) % 300) * 1_000)))
        }
        var validator = SubmissionValidator(plan: L.plan, agencyFlag: "BAOKT")
        validator.begin(L.preamble())
        for line in lines { validator.consume(line) }
        var report = IntakeReport()
        report.preamble = L.preamble()
        report.lineCount = lines.count
        let through = validator.finish(report: report).findings.filter { $0.code == .duplicateLine }
        let alone = L.run(DuplicateLineRule.rule, lines).filter { $0.code == .duplicateLine }
        #expect(through.count > 1_000)
        #expect(Set(through.spots) == Set(alone.spots))
        #expect(Set(through.map(\.arguments)) == Set(alone.map(\.arguments)))
        #expect(Set(through.map(\.item)) == Set(alone.map(\.item)))
        #expect(through.count == alone.count)
    }
}
