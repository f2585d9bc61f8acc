import BudgetCore
import BudgetIntake
import BudgetRules

/// The verdict on one file, as `check` prints it and `submit` records it.
public struct FileCheck: Sendable {
    /// The file name as the user gave it.
    public var file: String
    /// The agency the file was attributed to, if any.
    public var agency: Party?
    /// No finding of severity error.
    public var valid: Bool
    /// The number of estimate lines counted.
    public var lines: Int
    /// The sum of the lines' amounts, or `nil` if it overflowed.
    public var total: Money?
    /// Totals by the plan's canonical item code.
    public var totalsByItem: [String: Money]
    /// Every finding, reader's and rules', in report order.
    public var findings: [Finding]
    /// The encoding the file was read in.
    public var encoding: String?
}

/// Options that shape how a file is read.
public struct ReadOptions: Sendable {
    public var agency: String?
    public var encoding: SourceEncoding?
    public var limits: IntakeLimits

    public init(agency: String? = nil, encoding: SourceEncoding? = nil, limits: IntakeLimits = IntakeLimits()) {
        self.agency = agency
        self.encoding = encoding
        self.limits = limits
    }
}

/// Reads one submission and judges it against the plan: the pipeline every command that
/// takes a file shares (decode → scan → header → lines → rules).
enum SubmissionCheck {
    /// Checks the file produced by `open` (called again if the reader starts over), and
    /// gives each line with a known plan item to `collect` when the caller keeps lines.
    ///
    /// `byteCount`, the file's size if known, only sizes the validator's memory
    /// (``expectedLines(byteCount:limits:)``); it never changes the result.
    static func run(
        plan: Plan, fileName: String, options: ReadOptions, open: () throws -> any ByteSource,
        keepLines: Bool, byteCount: Int? = nil
    ) throws(EngineError) -> (check: FileCheck, lines: [EstimateLine]) {
        let expected = byteCount.map { expectedLines(byteCount: $0, limits: options.limits) } ?? 0
        // Made in place: a validator kept in a local and copied into the consumer would
        // share its sized memory, and the first line would copy all of it.
        var consumer = CheckingConsumer(
            validator: SubmissionValidator(plan: plan, agencyFlag: options.agency, expectedLines: expected),
            keepLines: keepLines)
        let report: IntakeReport
        do {
            report = try SubmissionReader.read(
                open: open,
                options: IntakeOptions(
                    fileName: fileName, requestedEncoding: options.encoding, limits: options.limits,
                    keepsLineText: keepLines),
                into: &consumer)
        } catch let error as EngineError {
            throw error
        } catch {
            throw EngineError(
                .environment,
                Localized(vi: "không đọc được «\(fileName)»: \(error)", en: "cannot read \"\(fileName)\": \(error)"))
        }
        let validation = consumer.validator.finish(report: report)
        var findings = report.findings + validation.findings
        for index in findings.indices where findings[index].file == nil { findings[index].file = fileName }
        findings.sort(by: Finding.reportOrder)
        let check = FileCheck(
            file: fileName, agency: validation.agency, valid: validation.isValid, lines: validation.lineCount,
            total: validation.total, totalsByItem: validation.totalsByItem, findings: findings,
            encoding: report.encoding)
        return (check, consumer.lines)
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

/// Feeds the validator and, for `submit`, keeps the lines to store.
struct CheckingConsumer: LineConsumer {
    var validator: SubmissionValidator
    let keepLines: Bool
    var lines: [EstimateLine] = []

    mutating func begin(_ preamble: Preamble) { validator.begin(preamble) }

    mutating func consume(_ line: consuming EstimateLine) {
        if keepLines { lines.append(copy line) }
        validator.consume(line)
    }

    mutating func consume(_ line: KeyedLine, codes: ItemCodes) {
        if keepLines { lines.append(line.estimateLine(codes: codes)) }
        validator.consume(line, codes: codes)
    }

    mutating func restart() {
        validator.restart()
        lines.removeAll()
    }
}

/// `budget check`: validates files against a plan; stores nothing.
public struct CheckFiles: Sendable {
    public let fileSystem: LocalFileSystem

    public init(fileSystem: LocalFileSystem = LocalFileSystem()) { self.fileSystem = fileSystem }

    /// Checks each file in order. A missing file is a usage error (exit 2) raised before
    /// any file is read, so that a typo in the last argument does not waste a long run.
    public func run(files: [String], plan: Plan, options: ReadOptions) throws(EngineError) -> [FileCheck] {
        for file in files where !fileSystem.exists(file) {
            throw EngineError(.usage, Localized(vi: "không tìm thấy tệp «\(file)»", en: "file not found: \"\(file)\""))
        }
        var results: [FileCheck] = []
        for file in files {
            let fs = fileSystem
            let (check, _) = try SubmissionCheck.run(
                plan: plan, fileName: file, options: options, open: { try fs.open(file) }, keepLines: false,
                byteCount: fs.size(file))
            results.append(check)
        }
        return results
    }
}

/// Loading a plan file the user names (`--plan`): any problem is a usage error (exit 2).
public struct LoadPlan: Sendable {
    public let fileSystem: LocalFileSystem

    public init(fileSystem: LocalFileSystem = LocalFileSystem()) { self.fileSystem = fileSystem }

    public func run(path: String) throws(EngineError) -> Plan {
        let bytes = try fileSystem.read(path)
        do {
            return try PlanLoader.load(bytes)
        } catch {
            throw Self.error(error, path: path, kind: .usage)
        }
    }

    /// The engine error for a plan that does not load: every problem, in both languages.
    static func error(_ error: PlanError, path: String, kind: EngineError.Kind) -> EngineError {
        let vi = error.lines(file: path, .vi)
        let en = error.lines(file: path, .en)
        return EngineError(
            kind, Localized(vi: "kế hoạch «\(path)» không dùng được:", en: "the plan \"\(path)\" cannot be used:"),
            details: zip(vi, en).map { Localized(vi: $0, en: $1) })
    }
}
