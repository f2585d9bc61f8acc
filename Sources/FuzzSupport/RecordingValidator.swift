import BudgetCore
import BudgetIntake
import BudgetRules

/// A line consumer that validates (the real consumer) and records what it was given, so
/// that a harness can compare two reads of one input line by line.
public struct RecordingValidator: LineConsumer {
    public var validator: SubmissionValidator
    public private(set) var preamble: Preamble?
    public private(set) var lines: [EstimateLine] = []
    public private(set) var begins = 0
    public private(set) var restarts = 0

    public init(validator: SubmissionValidator) { self.validator = validator }

    public mutating func begin(_ preamble: Preamble) {
        self.preamble = preamble
        begins += 1
        validator.begin(preamble)
    }

    public mutating func consume(_ line: EstimateLine) {
        lines.append(line)
        validator.consume(line)
    }

    /// A line read without its text: recorded as the line it stands for, and judged as
    /// the keyed line it is (the validator's own path for those).
    public mutating func consume(_ line: KeyedLine, codes: ItemCodes) {
        lines.append(line.estimateLine(codes: codes))
        validator.consume(line, codes: codes)
    }

    public mutating func restart() {
        restarts += 1
        preamble = nil
        begins = 0
        lines = []
        validator.restart()
    }
}
