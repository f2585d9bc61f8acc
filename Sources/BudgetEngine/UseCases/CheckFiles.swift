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
    /// The encoding as the reader names it, to read the same bytes again the same way.
    var sourceEncoding: SourceEncoding? {
        guard let encoding else { return nil }
        return encoding.hasPrefix(SourceEncoding.utf8.rawValue) ? .utf8 : SourceEncoding(rawValue: encoding)
    }
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
        let expected = byteCount.map { expectedLines(byteCount: $0, limits: options.limits) } ?? 0
        // Made in place: a validator kept in a local and copied into the consumer would
        // share its sized memory, and the first line would copy all of it.
        var consumer = CheckingConsumer(
            validator: SubmissionValidator(plan: plan, agencyFlag: options.agency, expectedLines: expected),
            sink: sink)
        let report: IntakeReport
        do {
            report = try SubmissionReader.read(
                open: open,
                options: IntakeOptions(
                    fileName: fileName, requestedEncoding: options.encoding, limits: options.limits,
                    keepsLineText: sink != nil),
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
            let check = try SubmissionCheck.run(
                plan: plan, fileName: file, options: options, open: { try fs.open(file) },
                byteCount: fs.size(file))
            results.append(check)
        }
        return results
    }
}

/// Loading the plan the user names (`--plan`): a plan file, or the `id` of a plan bundled
/// in the binary (`--plan kon-tum-2020`). Any problem is a usage error (exit 2).
public struct LoadPlan: Sendable {
    public let fileSystem: LocalFileSystem

    public init(fileSystem: LocalFileSystem = LocalFileSystem()) { self.fileSystem = fileSystem }

    public func run(path: String) throws(EngineError) -> Plan {
        let bytes = try self.bytes(path)
        do {
            return try PlanLoader.load(bytes)
        } catch {
            throw Self.error(error, path: path, kind: .usage)
        }
    }

    /// The plan's bytes: the file at `path` if there is one, else the bundled plan whose
    /// `id` is `path`. A file always wins, so a plan being edited is never shadowed.
    public func bytes(_ path: String) throws(EngineError) -> [UInt8] {
        if fileSystem.exists(path) || path.contains("/") || path.hasSuffix(".json") {
            return try fileSystem.read(path)
        }
        if let bytes = Self.bundled[path] { return bytes }
        throw EngineError(
            .usage,
            Localized(
                vi:
                    "không tìm thấy tệp kế hoạch «\(path)»; các kế hoạch có sẵn: \(Self.bundled.keys.sorted().joined(separator: ", "))",
                en:
                    "plan file not found: \"\(path)\"; bundled plans: \(Self.bundled.keys.sorted().joined(separator: ", "))"
            ))
    }

    /// The plans compiled into the binary, by `id`.
    static let bundled: [String: [UInt8]] = {
        var plans: [String: [UInt8]] = [:]
        for path in Bundled.paths where path.hasPrefix("Templates/plans/") && path.hasSuffix(".json") {
            if let bytes = Bundled.file(path), let plan = try? PlanLoader.load(bytes) { plans[plan.id] = bytes }
        }
        return plans
    }()

    /// The engine error for a plan that does not load: every problem, in both languages.
    static func error(_ error: PlanError, path: String, kind: EngineError.Kind) -> EngineError {
        let vi = error.lines(file: path, .vi)
        let en = error.lines(file: path, .en)
        return EngineError(
            kind, Localized(vi: "kế hoạch «\(path)» không dùng được:", en: "the plan \"\(path)\" cannot be used:"),
            details: zip(vi, en).map { Localized(vi: $0, en: $1) })
    }
}
