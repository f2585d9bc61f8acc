import BudgetCore
import BudgetIntake
import BudgetRules

/// One read of a fuzz case through the reader and the validator, as both harnesses (CSV
/// and workbook) make it: what the reader reported, what the validator was given and
/// concluded, and what was thrown.
public protocol ReaderRun {
    var report: IntakeReport { get }
    var consumer: RecordingValidator { get }
    var validation: Validation { get }
    var thrown: String? { get }
}

extension ReaderRun {
    /// Every text the reader handed on, each named for the message of a failed check:
    /// the lines' fields, the key rows, the column names, the words rows and, when asked,
    /// the total rows' labels.
    public func handedOnTexts(totalLabels: Bool) -> [(String, String)] {
        var texts: [(String, String)] = []
        for line in consumer.lines {
            texts += [
                ("number", line.number), ("itemCode", line.itemCode), ("description", line.description),
                ("unit", line.unit), ("note", line.note),
            ].map { ("line \(line.line) \($0.0)", $0.1) }
        }
        if let preamble = report.preamble {
            texts += preamble.keyRows.map { ("key row \($0.key) at line \($0.line)", $0.value) }
            texts += preamble.columns.map { ("column \($0.key) name", $0.value.name) }
        }
        texts += report.wordsRows.map { ("words at line \($0.line)", $0.words) }
        if totalLabels { texts += report.totalRows.map { ("total label at line \($0.line)", $0.label) } }
        return texts
    }

    /// What differs between two reads of the same case; with `comparingText` false, lines
    /// are compared without their text (STT, description, unit, note), the description by
    /// its key.
    public func differences(from other: Self, label: String, comparingText: Bool = true) -> [String] {
        var problems: [String] = []
        func compare<T: Equatable>(_ name: String, _ a: T, _ b: T) {
            if a != b { problems.append("\(label): \(name) differs: \(a) vs \(b)") }
        }
        compare("encoding", report.encoding, other.report.encoding)
        compare("separator", report.separator, other.report.separator)
        compare("preamble", report.preamble, other.report.preamble)
        compare("moneyScale", report.moneyScale, other.report.moneyScale)
        compare("decimalMark", report.decimalMark, other.report.decimalMark)
        compare("totalRows", report.totalRows, other.report.totalRows)
        compare("wordsRows", report.wordsRows, other.report.wordsRows)
        compare("lineCount", report.lineCount, other.report.lineCount)
        compare("lineSum", report.lineSum, other.report.lineSum)
        compare("reader findings", report.findings, other.report.findings)
        if comparingText {
            compare("consumed lines", consumer.lines, other.consumer.lines)
        } else {
            func bare(_ line: EstimateLine) -> EstimateLine {
                EstimateLine(
                    line: line.line, itemCode: line.itemCode, descriptionKey: line.descriptionKey,
                    quantity: line.quantity, unitPrice: line.unitPrice, amount: line.amount)
            }
            compare("consumed lines", consumer.lines.map(bare), other.consumer.lines.map(bare))
        }
        compare("validation", validation, other.validation)
        compare("thrown", thrown, other.thrown)
        return problems
    }
}
