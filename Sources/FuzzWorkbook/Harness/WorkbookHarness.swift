import BudgetCore
import BudgetIntake
import BudgetRules
import FuzzSupport

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The whole intake on one workbook fuzz input, and the invariants it must keep.
///
/// The libFuzzer entry point traps on any violation; `WorkbookFuzzRegressionTests` replays
/// every seed and reproducer through ``violations(_:)`` and expects none.
public enum WorkbookHarness {
    /// Inputs up to this size are also read one byte per `read`, and compared.
    public static let byteAtATimeLimit = 16 << 10

    static let plan: Plan? = try? PlanLoader.load(Array(FuzzPlan.json.utf8))

    /// The known message variants of `unreadable-encoding` a workbook may get.
    static let workbookVariants: Set<String> = [
        "workbook-damaged", "workbook-encrypted", "workbook-unsupported", "workbook-too-large", "workbook-no-sheet",
        "not-workbook", "spreadsheet", "",
    ]

    /// Runs the pipeline on `input` (see ``WorkbookFuzzCase``) and returns every broken
    /// invariant, described; empty when all hold.
    public static func violations(_ input: [UInt8]) -> [String] {
        guard let plan else { return ["the fuzz plan does not load"] }
        let fuzzCase = WorkbookFuzzCase(input: input)
        var problems: [String] = []
        let first = WorkbookRun(fuzzCase, plan: plan, keepsLineText: !fuzzCase.checkFirst, byteAtATime: false)
        problems += first.violations()
        let again = WorkbookRun(fuzzCase, plan: plan, keepsLineText: !fuzzCase.checkFirst, byteAtATime: false)
        problems += first.differences(from: again, label: "read again", comparingText: true)
        let other = WorkbookRun(fuzzCase, plan: plan, keepsLineText: fuzzCase.checkFirst, byteAtATime: false)
        problems += other.violations()
        problems += first.differences(from: other, label: "read with and without the text", comparingText: false)
        if fuzzCase.file.count <= byteAtATimeLimit {
            let split = WorkbookRun(fuzzCase, plan: plan, keepsLineText: !fuzzCase.checkFirst, byteAtATime: true)
            problems += first.differences(from: split, label: "one byte per read", comparingText: true)
        }
        return problems
    }

    /// The lines one plain read of `input` gives, in the order consumed.
    public static func lines(_ input: [UInt8]) -> [EstimateLine] {
        guard let plan else { return [] }
        return WorkbookRun(WorkbookFuzzCase(input: input), plan: plan, keepsLineText: true, byteAtATime: false)
            .consumer.lines
    }

    /// The reader's report of one plain read of `input`.
    public static func report(_ input: [UInt8]) -> IntakeReport {
        guard let plan else { return IntakeReport() }
        return WorkbookRun(WorkbookFuzzCase(input: input), plan: plan, keepsLineText: true, byteAtATime: false).report
    }
}

/// One read of a fuzz case through the reader and the validator.
struct WorkbookRun: ReaderRun {
    let fuzzCase: WorkbookFuzzCase
    var report = IntakeReport()
    var validation: Validation
    var consumer: RecordingValidator
    var thrown: String?

    init(_ fuzzCase: WorkbookFuzzCase, plan: Plan, keepsLineText: Bool, byteAtATime: Bool) {
        self.fuzzCase = fuzzCase
        consumer = RecordingValidator(validator: SubmissionValidator(plan: plan, agencyFlag: fuzzCase.agencyFlag))
        let file = fuzzCase.file
        do {
            report = try SubmissionReader.read(
                open: { () -> any ByteSource in
                    byteAtATime ? OneByteSource(file) : MemoryByteSource(file)
                },
                options: fuzzCase.options(keepsLineText: keepsLineText), into: &consumer)
        } catch {
            thrown = String(describing: error)
        }
        validation = consumer.validator.finish(report: report)
    }

    func violations() -> [String] {
        var problems: [String] = []
        if let thrown { problems.append("a memory source threw: \(thrown)") }
        let lines = consumer.lines
        if report.lineCount != lines.count {
            problems.append("report.lineCount \(report.lineCount) but \(lines.count) lines consumed")
        }
        if validation.lineCount != lines.count {
            problems.append("validation.lineCount \(validation.lineCount) but \(lines.count) lines consumed")
        }
        if consumer.begins > 1 { problems.append("begin called \(consumer.begins) times") }
        if consumer.restarts > 0 { problems.append("a workbook read restarted") }
        if let header = report.preamble?.headerLine {
            for line in lines where line.line <= header {
                problems.append("an estimate line at line \(line.line), not below the header (line \(header))")
            }
        }
        for line in lines where line.line < 1 || line.line > 1_048_576 {
            problems.append("an estimate line at row \(line.line), outside a sheet")
        }
        if fuzzCase.isWorkbook {
            if report.encoding != nil && report.encoding != "xlsx" {
                problems.append("a workbook read as \(report.encoding ?? "")")
            }
            if report.separator != nil { problems.append("a workbook with a separator") }
            if report.byteCount != fuzzCase.file.count, report.findings.allSatisfy({ $0.variant != "file-size" }) {
                problems.append("byteCount \(report.byteCount) of a \(fuzzCase.file.count)-byte file")
            }
        }
        for finding in report.findings {
            problems += Self.check(finding, from: "reader")
            if finding.file != WorkbookFuzzCase.fileName {
                problems.append("reader finding \(finding.code) has file \(finding.file ?? "nil")")
            }
            if fuzzCase.isWorkbook, finding.code == .unreadableEncoding,
                !WorkbookHarness.workbookVariants.contains(finding.variant)
            {
                problems.append("unreadable-encoding with the variant \(finding.variant)")
            }
            if finding.code == .formulaWithoutValue, finding.arguments["cell"] == nil {
                problems.append("formula-without-value without its cell")
            }
        }
        if fuzzCase.mode != .file {
            // The container is valid: whatever is wrong is in the fuzzed part's XML.
            for finding in report.findings
            where finding.code == .unreadableEncoding && finding.variant != "not-workbook" {
                let value = finding.value ?? ""
                if value.contains("CRC") || value.contains("ZIP") || value.contains("compressed")
                    || value.contains("declares")
                {
                    problems.append("a valid container read as damaged: \(value)")
                }
            }
        }
        for finding in validation.findings { problems += Self.check(finding, from: "validator") }
        problems += Self.checkOrder(report.findings, "reader")
        problems += Self.checkOrder(validation.findings, "validator")
        problems += checkTexts()

        var sum: Money? = .zero
        for line in lines {
            guard let amount = line.amount else { continue }
            sum = sum.flatMap { $0.adding(amount) }
        }
        if validation.total != sum {
            problems.append(
                "validation total \(String(describing: validation.total)) ≠ sum of lines \(String(describing: sum))")
        }
        if let readerSum = report.lineSum, let sum, readerSum != sum {
            problems.append("report.lineSum \(readerSum) ≠ sum of lines \(sum)")
        }
        return problems
    }

    /// Texts handed on are trimmed, NFC, free of C0 controls but tab, CR and LF (so are
    /// finding values).
    func checkTexts() -> [String] {
        let texts = handedOnTexts(totalLabels: true)
        var problems: [String] = []
        let values = (report.findings + validation.findings).flatMap { [$0.value ?? ""] + $0.arguments.values }
        for (name, text) in texts + values.map({ ("a finding's value", $0) }) {
            if text.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\t" && $0 != "\n" && $0 != "\r" }) {
                problems.append("\(name) holds a control character: \(text.debugDescription)")
            }
        }
        for (name, text) in texts {
            if !Folding.trim(text).unicodeScalars.elementsEqual(text.unicodeScalars) {
                problems.append("\(name) is not trimmed: \(text.debugDescription)")
            }
            if !Folding.nfc(text).unicodeScalars.elementsEqual(text.unicodeScalars) {
                problems.append("\(name) is not NFC: \(text.debugDescription)")
            }
        }
        return problems
    }

    /// A finding's own invariants, and its messages rendered in both languages with every
    /// placeholder filled.
    static func check(_ finding: Finding, from stage: String) -> [String] {
        guard let entry = FindingCatalogue.entry(finding.code) else {
            return ["\(stage) finding with unknown code \(finding.code)"]
        }
        var problems: [String] = []
        if finding.severity != entry.severity {
            problems.append("\(stage) finding \(finding.code) has severity \(finding.severity)")
        }
        if let line = finding.line, line < 1 { problems.append("\(stage) finding \(finding.code) at line \(line)") }
        if let column = finding.columnNumber, column < 1 {
            problems.append("\(stage) finding \(finding.code) at column \(column)")
        }
        let arguments = finding.allArguments
        for language in Language.allCases {
            if finding.message(language).isEmpty {
                problems.append("\(finding.code) renders an empty \(language) message")
            }
            for name in entry.message(finding.variant).placeholders(language) where arguments[name] == nil {
                problems.append(
                    "\(finding.code)/\(finding.variant) leaves {\(name)} unfilled in its \(language) message")
            }
            if let hint = finding.hint(language), hint.isEmpty {
                problems.append("\(finding.code) renders an empty \(language) hint")
            }
        }
        return problems
    }

    static func checkOrder(_ findings: [Finding], _ stage: String) -> [String] {
        for index in findings.indices.dropFirst() where Finding.reportOrder(findings[index], findings[index - 1]) {
            return ["\(stage) findings out of order at \(findings[index].code)"]
        }
        return []
    }
}
