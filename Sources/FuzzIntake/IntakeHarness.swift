import BudgetCore
import BudgetIntake
import BudgetRules
import FuzzSupport

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The whole intake pipeline on one fuzz input, and the invariants it must keep.
///
/// The libFuzzer entry point traps on any violation; `FuzzRegressionTests` replays
/// every seed and crash reproducer through ``violations(_:)`` and expects none. Both
/// go through this one function, so a reproducer fails in `swift test` exactly as it
/// failed under the fuzzer.
public enum IntakeHarness {
    /// Inputs up to this size are also read one byte per `read`, and compared.
    public static let byteAtATimeLimit = 4 << 10
    /// Files up to this size (before padding) have every text searched for in the file.
    public static let textSearchLimit = 16 << 10

    /// The plan every input is judged against, parsed once.
    static let plan: Plan? = try? PlanLoader.load(Array(KonTumPlan.json.utf8))

    /// Runs the pipeline on `input` (see ``FuzzCase`` for how its first bytes choose the
    /// options) and returns every broken invariant, described; empty when all hold.
    ///
    /// Reads the file with one large chunk, again (determinism), and, when it is small or
    /// padded past the first chunk, one byte per read (chunking must not matter).
    public static func violations(_ input: [UInt8]) -> [String] {
        guard let plan else { return ["the embedded Kon Tum plan does not load"] }
        let fuzzCase = FuzzCase(input: input)
        var problems: [String] = []

        let first = PipelineRun(fuzzCase, plan: plan, byteAtATime: false)
        problems += first.violations()
        if fuzzCase.isStreaming {
            // The padding makes every read cost a megabyte: compare the two chunkings
            // only, which also shows the result does not depend on the run.
            if fuzzCase.file.count - SubmissionReader.chunkSize < byteAtATimeLimit {
                let split = PipelineRun(fuzzCase, plan: plan, byteAtATime: true)
                problems += split.violations()
                problems += first.differences(from: split, label: "one byte per read")
            }
        } else {
            // Read again as `check` reads (lines without their text, judged mostly as
            // keyed lines): everything but the text must come out the same.
            let second = PipelineRun(fuzzCase, plan: plan, byteAtATime: false, keepsLineText: false)
            problems += first.differences(from: second, label: "second read, without text", comparingText: false)
            if fuzzCase.file.count < byteAtATimeLimit {
                let split = PipelineRun(fuzzCase, plan: plan, byteAtATime: true)
                problems += first.differences(from: split, label: "one byte per read")
            }
        }
        return problems
    }

    /// The estimate lines one plain read of `input` gives, in the order they were consumed
    /// (for regression tests that pin what a reproducer must read).
    public static func lines(_ input: [UInt8]) -> [EstimateLine] {
        guard let plan else { return [] }
        return PipelineRun(FuzzCase(input: input), plan: plan, byteAtATime: false).consumer.lines
    }
}

/// One read of a fuzz case through the reader and the validator; ``violations()`` checks
/// it and renders every finding's message and hint in both languages.
struct PipelineRun: ReaderRun {
    let fuzzCase: FuzzCase
    let plan: Plan
    var report = IntakeReport()
    var validation: Validation
    var consumer: RecordingValidator
    var thrown: String?

    init(_ fuzzCase: FuzzCase, plan: Plan, byteAtATime: Bool, keepsLineText: Bool = true) {
        self.fuzzCase = fuzzCase
        self.plan = plan
        consumer = RecordingValidator(validator: SubmissionValidator(plan: plan, agencyFlag: fuzzCase.agencyFlag))
        let file = fuzzCase.file
        var options = fuzzCase.options
        options.keepsLineText = keepsLineText
        do {
            report = try SubmissionReader.read(
                open: { () -> any ByteSource in
                    guard byteAtATime else { return MemoryByteSource(file) }
                    return OneByteSource(file, wholeFirst: fuzzCase.isStreaming ? SubmissionReader.chunkSize : 0)
                },
                options: options, into: &consumer)
        } catch {
            thrown = String(describing: error)
        }
        validation = consumer.validator.finish(report: report)
    }

    /// Renders `finding`'s message and hint in both languages; returns what went wrong.
    static func render(_ finding: Finding) -> [String] {
        guard let entry = FindingCatalogue.entry(finding.code) else { return [] }  // reported as unknown
        var problems: [String] = []
        let arguments = finding.allArguments
        for language in Language.allCases {
            let message = finding.message(language)
            if message.isEmpty { problems.append("\(finding.code) renders an empty \(language) message") }
            for name in entry.message(finding.variant).placeholders(language) where arguments[name] == nil {
                problems.append(
                    "\(finding.code)/\(finding.variant) at line \(finding.line ?? 0) leaves {\(name)} unfilled in its \(language) message"
                )
            }
            if let hint = finding.hint(language), hint.isEmpty {
                problems.append("\(finding.code) renders an empty \(language) hint")
            }
        }
        return problems
    }

    /// The invariants of one run, with every finding rendered.
    func violations() -> [String] {
        var problems: [String] = []
        for finding in report.findings + validation.findings { problems += PipelineRun.render(finding) }
        if let thrown { problems.append("a memory source threw: \(thrown)") }
        let lines = consumer.lines

        if report.lineCount < 0 { problems.append("lineCount \(report.lineCount) < 0") }
        if report.lineCount != lines.count {
            problems.append("report.lineCount \(report.lineCount) but \(lines.count) lines consumed")
        }
        if validation.lineCount != lines.count {
            problems.append("validation.lineCount \(validation.lineCount) but \(lines.count) lines consumed")
        }
        if consumer.begins > 1 { problems.append("begin called \(consumer.begins) times in one pass") }
        if consumer.restarts > 1 { problems.append("restarted \(consumer.restarts) times") }
        for line in lines where line.line < 1 { problems.append("an estimate line at line \(line.line)") }
        if let header = report.preamble?.headerLine {
            for line in lines where line.line <= header {
                problems.append("an estimate line at line \(line.line), not below the header (line \(header))")
            }
        }
        problems += checkTexts()

        for finding in report.findings {
            problems += PipelineRun.check(finding, from: "reader")
            if finding.file != FuzzCase.fileName {
                problems.append("reader finding \(finding.code) has file \(finding.file ?? "nil")")
            }
        }
        for finding in validation.findings { problems += PipelineRun.check(finding, from: "validator") }
        for finding in report.findings where finding.code == .unreadableEncoding {
            problems += PipelineRun.checkByte(finding, in: fuzzCase.file)
        }
        if report.encoding != nil {
            problems += checkFirstInvalidByte()
        }
        problems += PipelineRun.checkOrder(report.findings, "reader")
        problems += PipelineRun.checkOrder(validation.findings, "validator")

        // The sums, added in the order the lines were consumed, as the validator does.
        var sum: Money? = .zero
        var byItem: [String: Money] = [:]
        var overflowed: Set<String> = []
        for line in lines {
            guard let amount = line.amount else { continue }
            sum = sum.flatMap { $0.adding(amount) }
            guard let item = plan.item(matching: line.itemCode), !overflowed.contains(item.code) else { continue }
            if let itemSum = (byItem[item.code] ?? .zero).adding(amount) {
                byItem[item.code] = itemSum
            } else {
                byItem[item.code] = nil
                overflowed.insert(item.code)
            }
        }
        if validation.total != sum {
            problems.append(
                "validation total \(String(describing: validation.total)) ≠ sum of lines \(String(describing: sum))")
        }
        if let readerSum = report.lineSum, let sum, readerSum != sum {
            problems.append("report.lineSum \(readerSum) ≠ sum of lines \(sum)")
        }
        if validation.totalsByItem != byItem {
            problems.append("totalsByItem \(validation.totalsByItem) ≠ per-item sums \(byItem)")
        }
        return problems
    }

    /// Text the reader hands on is trimmed and NFC (EstimateLine, KeyRow, ColumnRef,
    /// WordsRow say so): checked against BudgetCore's own `Folding.trim` and `Folding.nfc`.
    func checkTexts() -> [String] {
        let texts = handedOnTexts(totalLabels: false)
        var problems: [String] = []
        // Text comes from the file: a field the file does not hold was read from the wrong
        // memory. Fields with quotes are skipped (`""` collapses to `"`).
        let haystack =
            fuzzCase.content.count <= IntakeHarness.textSearchLimit
            ? decodedFile().map { ($0 + [0]).map { CChar(bitPattern: $0) } } : nil
        for (name, text) in texts where !text.isEmpty && !text.unicodeScalars.contains("\"") {
            if let haystack, !PipelineRun.contains(haystack, text) {
                problems.append("\(name) \(text.debugDescription) is not in the file")
            }
        }
        let values = (report.findings + validation.findings).flatMap { [$0.value ?? ""] + $0.arguments.values }
        for (name, text) in texts + values.map({ ("a finding's value", $0) }) {
            // Every decoder refuses NUL and C0 controls but tab, LF and CR: one in a text was
            // made up.
            if text.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\t" && $0 != "\n" && $0 != "\r" }) {
                problems.append("\(name) holds a control character: \(text.debugDescription)")
            }
        }
        for (name, text) in texts {
            // By scalars: `String ==` would call canonically equivalent texts equal.
            if !Folding.trim(text).unicodeScalars.elementsEqual(text.unicodeScalars) {
                problems.append("\(name) is not trimmed: \(text.unicodeScalars.map { String($0.value, radix: 16) })")
            }
            if !Folding.nfc(text).unicodeScalars.elementsEqual(text.unicodeScalars) {
                problems.append("\(name) is not NFC: \(text.unicodeScalars.map { String($0.value, radix: 16) })")
            }
        }
        return problems
    }

    /// The file decoded in one go as the reader decided to read it (up to an invalid
    /// byte), without quotes, NFC, as UTF-8; nil if the reader did not decode it. Without
    /// a streaming input's padding, which only adds blank lines, to keep searches short.
    func decodedFile() -> [UInt8]? {
        guard report.encoding != nil else { return nil }
        let detection = fuzzCase.file.withUnsafeBufferPointer { all in
            EncodingDetector.detect(
                UnsafeBufferPointer(rebasing: all[..<min(all.count, SubmissionReader.chunkSize)]),
                isWholeFile: all.count < SubmissionReader.chunkSize,
                requested: fuzzCase.requestedEncoding, excludeUTF8: consumer.restarts > 0)
        }
        guard let encoding = detection.encoding else { return nil }
        let content = fuzzCase.content
        let output: [UInt8] = content.withUnsafeBufferPointer { all in
            var transcoder = Transcoder(encoding)
            var output: [UInt8] = []
            _ = transcoder.transcode(
                UnsafeBufferPointer(rebasing: all[min(detection.bomLength, all.count)...]), isFinal: true, into: &output
            )
            return output
        }
        let text = String(decoding: output.filter { $0 != UInt8(ascii: "\"") }, as: UTF8.self)
        return Array(Folding.nfc(text).utf8)
    }

    /// Whether `needle` occurs in `haystack` (NUL-terminated), byte for byte, by C's
    /// `strstr` (linear in glibc; a Swift loop is far too slow in the fuzzer's debug
    /// build). Decoded text never holds NUL; a needle with one fails the control
    /// character check anyway.
    static func contains(_ haystack: [CChar], _ needle: String) -> Bool {
        needle.withCString { strstr(haystack, $0) != nil }
    }

    /// A finding's own invariants: a known code with its catalogue severity, positions 1-based.
    static func check(_ finding: Finding, from stage: String) -> [String] {
        var problems: [String] = []
        guard let entry = FindingCatalogue.entry(finding.code) else {
            return ["\(stage) finding with unknown code \(finding.code)"]
        }
        if finding.severity != entry.severity {
            problems.append("\(stage) finding \(finding.code) has severity \(finding.severity)")
        }
        if let line = finding.line, line < 1 { problems.append("\(stage) finding \(finding.code) at line \(line)") }
        if let column = finding.columnNumber, column < 1 {
            problems.append("\(stage) finding \(finding.code) at column \(column)")
        }
        return problems
    }

    /// An `unreadable-encoding` finding that names a byte ("byte 0xF2 at offset 1048579")
    /// must name the byte that is at that offset of the file, whatever the chunking.
    static func checkByte(_ finding: Finding, in file: [UInt8]) -> [String] {
        guard let value = finding.value, value.hasPrefix("byte 0x") else { return [] }
        let words = value.split(separator: " ")
        guard words.count == 5, words[2] == "at", words[3] == "offset",
            let byte = UInt8(words[1].dropFirst(2), radix: 16), let offset = Int(words[4])
        else { return ["unreadable-encoding value \"\(value)\" is not \"byte 0xXX at offset N\""] }
        guard offset >= 0, offset < file.count else {
            return ["unreadable-encoding names offset \(offset) of a \(file.count)-byte file"]
        }
        if file[offset] != byte {
            let actual = String(file[offset], radix: 16, uppercase: true)
            return ["unreadable-encoding names \(words[1]) at offset \(offset), where the file has 0x\(actual)"]
        }
        return []
    }

    /// Once the file is being decoded (the report has an encoding), an `unreadable-encoding`
    /// finding about a byte (or the end) must name the byte the decoder refuses when it is
    /// given the whole file in one chunk: where the reader's chunk boundaries fall must
    /// not matter.
    func checkFirstInvalidByte() -> [String] {
        let found = report.findings.filter {
            $0.code == .unreadableEncoding && ($0.value?.hasPrefix("byte 0x") == true || $0.value == "EOF")
        }
        guard let finding = found.first, let value = finding.value else { return [] }
        // "EOF" (a sequence cut off by the end) is never what a whole-file decode says: it
        // names the sequence's first byte.
        let reported = value.split(separator: " ").last.flatMap { Int($0) }
        let file = fuzzCase.file
        let expected: Int? = file.withUnsafeBufferPointer { all in
            let prefix = UnsafeBufferPointer(rebasing: all[..<min(all.count, SubmissionReader.chunkSize)])
            // As the reader does: a file that fills the first chunk is judged on a prefix.
            let detection = EncodingDetector.detect(
                prefix, isWholeFile: all.count < SubmissionReader.chunkSize,
                requested: fuzzCase.requestedEncoding, excludeUTF8: consumer.restarts > 0)
            guard let encoding = detection.encoding else { return nil }
            let bom = min(detection.bomLength, all.count)
            var transcoder = Transcoder(encoding)
            var output: [UInt8] = []
            guard
                let bad = transcoder.transcode(UnsafeBufferPointer(rebasing: all[bom...]), isFinal: true, into: &output)
            else { return nil }
            return bom + bad
        }
        guard let expected else { return ["unreadable-encoding \"\(value)\" but the whole file decodes"] }
        if reported != expected {
            return ["unreadable-encoding \"\(value)\" but decoding the whole file at once stops at offset \(expected)"]
        }
        return []
    }

    /// Findings must come in ``Finding/reportOrder(_:_:)``.
    static func checkOrder(_ findings: [Finding], _ stage: String) -> [String] {
        for index in findings.indices.dropFirst() where Finding.reportOrder(findings[index], findings[index - 1]) {
            let (a, b) = (findings[index - 1], findings[index])
            return [
                "\(stage) findings out of order: \(a.code)@\(a.line ?? 0) before \(b.code)@\(b.line ?? 0)"
            ]
        }
        return []
    }

    /// How this run's outcome differs from `other`'s (the same case read another way).
}
