/// The file's one decision about its decimal mark, and the evidence it rests on.
///
/// Evidence, strongest first (the README, "Submissions"):
/// (a) a number with two or more of one mark or with both marks ("1.234.567",
/// "1.234,5"); (b) in amount and unit-price columns a single mark followed by exactly
/// three digits is a thousands mark (đồng have no fractions); and, as this reader adds,
/// a mark that cannot be a thousands mark (not followed by exactly three digits, or after
/// a first group of more than three digits, or after a leading 0: "2,5", "1234.5",
/// "0.500") is a decimal mark wherever it stands; (c) quantity × unit price = amount,
/// only when the file offers nothing else.
///
/// The reader streams, so the first number showing (a) or (b) evidence decides, and a
/// later number showing the opposite is an `ambiguous-number` conflict naming the
/// deciding line. (c) is consulted only at the end of the file, for lines still waiting.
struct DecimalMarkDecision: Sendable {
    enum Evidence: Sendable, Hashable {
        case repeatedOrBothMarks
        case thousandsInMoneyColumn
        case decimalOnlyShape
        case product
    }

    private(set) var mark: DecimalMark?
    private(set) var evidence: Evidence?
    private(set) var line = 0
    private(set) var text = ""

    var isDecided: Bool { mark != nil }

    /// Decides `mark` if nothing has been decided yet.
    mutating func decide(_ mark: DecimalMark, by evidence: Evidence, line: Int, text: @autoclosure () -> String) {
        guard self.mark == nil else { return }
        self.mark = mark
        self.evidence = evidence
        self.line = line
        self.text = text()
    }
}
