import BudgetCore
import BudgetIntake
import BudgetRules

/// Reads one submission and judges it against the plan: the pipeline every command that
/// takes a file shares (decode → scan → header → lines → rules).
enum SubmissionCheck {
    /// Checks the file produced by `open` (called again if the reader starts over), and
    /// gives each line to `lines` when given (with its text, its item code as the file
    /// wrote it). A line sink cannot take lines back, so with one the reader must not start
    /// over: give the encoding in `options` (``FileCheck/sourceEncoding`` of a first pass).
    ///
    /// `byteCount`, the file's size if known, only sizes the validator's memory
    /// (``expectedLines(byteCount:limits:)``); it never changes the result.
    static func run(
        plan: Plan, fileName: String, options: ReadOptions, open: () throws -> any ByteSource,
        lines sink: ((EstimateLine) throws -> Void)? = nil, byteCount: Int? = nil
    ) throws(EngineError) -> FileCheck {
        let expected = byteCount.map { expectedLines(byteCount: $0, limits: options.limits.intake) } ?? 0
        // Made in place: a validator kept in a local and copied into the consumer would
        // share its sized memory, and the first line would copy all of it.
        var consumer = CheckingConsumer(
            validator: SubmissionValidator(plan: plan, agencyFlag: options.agency, expectedLines: expected),
            sink: sink)
        let report: IntakeReport
        do {
            report = try SubmissionReader.read(
                open: open,
                options: options.intake(fileName: fileName, keepsLineText: sink != nil),
                into: &consumer)
        } catch {
            throw EngineErrors.from(error)
        }
        if let failure = consumer.failure { throw EngineErrors.from(failure) }
        let validation = consumer.validator.finish(report: report)
        var findings = report.findings + validation.findings
        for index in findings.indices where findings[index].file == nil { findings[index].file = fileName }
        findings.sort(by: Finding.reportOrder)
        return FileCheck(
            file: fileName, agency: validation.agency, valid: validation.isValid, lines: validation.lineCount,
            total: validation.total, totalsByItem: validation.totalsByItem, findings: findings,
            encoding: report.encoding)
    }
}

extension SubmissionCheck {
    /// A typical estimate line's length in bytes (the template's lines are 100–120).
    static let typicalLineBytes = 100

    /// About how many lines a file of `byteCount` bytes has: `byteCount` over a typical
    /// line's length, at most the row limit, and 0 (no guess) for a file too small for
    /// the guess to matter or beyond the size limit.
    static func expectedLines(byteCount: Int, limits: IntakeLimits) -> Int {
        guard byteCount >= 1 << 20, byteCount <= limits.maxFileBytes else { return 0 }
        return min(byteCount / typicalLineBytes, limits.maxRows)
    }
}

/// Feeds the validator and, for `submit`'s recording pass, hands each line to a sink.
struct CheckingConsumer: LineConsumer {
    var validator: SubmissionValidator
    let sink: ((EstimateLine) throws -> Void)?
    /// The sink's first failure; later lines are not handed on, and the check throws it.
    var failure: (any Error)?

    mutating func begin(_ preamble: Preamble) { validator.begin(preamble) }

    mutating func consume(_ line: consuming EstimateLine) {
        if let sink, failure == nil {
            do { try sink(copy line) } catch { failure = error }
        }
        validator.consume(line)
    }

    mutating func consume(_ line: KeyedLine, codes: ItemCodes) {
        if sink != nil {
            consume(line.estimateLine(codes: codes))
        } else {
            validator.consume(line, codes: codes)
        }
    }

    mutating func restart() {
        validator.restart()
        if sink != nil && failure == nil { failure = SinkCannotRestart() }
    }
}

/// The reader started over after lines were handed to a sink that cannot take them back: a
/// bug (the recording pass gives the encoding of the first), reported rather than stored.
struct SinkCannotRestart: Error, CustomStringConvertible {
    var description: String { "the reader started over while recording lines" }
}
