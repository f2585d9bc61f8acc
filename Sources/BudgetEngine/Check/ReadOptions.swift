import BudgetCore
import BudgetIntake

/// Options that shape how a file is read, as a front end gives them: no intake type, so
/// that the command line and the portal need only the engine.
public struct ReadOptions: Sendable, Equatable {
    /// `--agency`: the sending agency's code, when the file does not say.
    public var agency: String?
    /// `--encoding` as the user wrote it (`utf-8`, `cp1258`, `tcvn3`…); ``validate()``
    /// refuses one the reader does not know.
    public var encoding: String?
    public var limits: ReadLimits
    /// The encoding a first pass found, imposed on a second pass over the same bytes so
    /// that the reader never starts over (see ``RecordSubmission``).
    var detected: SourceEncoding?
    /// Whether lines must reach the sink in file order (``CountedLines``, reading recorded
    /// bytes again).
    var keepsFileOrder = false

    public init(agency: String? = nil, encoding: String? = nil, limits: ReadLimits = ReadLimits()) {
        self.agency = agency
        self.encoding = encoding
        self.limits = limits
    }

    /// Refuses an unknown encoding name (a usage error, before any file is read).
    public func validate() throws(EngineError) {
        guard let name = encoding, SourceEncoding(userValue: name) == nil else { return }
        throw EngineError(
            .usage,
            Localized(
                vi: "bảng mã «\(name)» không được hỗ trợ; chọn utf-8, utf-16le, utf-16be, windows-1258 hoặc tcvn3",
                en: "unsupported encoding \"\(name)\"; choose utf-8, utf-16le, utf-16be, windows-1258 or tcvn3"))
    }

    /// The reader's options for `fileName`.
    func intake(fileName: String, keepsLineText: Bool) -> IntakeOptions {
        IntakeOptions(
            fileName: fileName, requestedEncoding: detected ?? encoding.flatMap(SourceEncoding.init(userValue:)),
            limits: limits.intake, keepsLineText: keepsLineText, keepsFileOrder: keepsFileOrder)
    }
}

/// The documented limits of what is read (defaults: file 64 MiB, field 64 KiB, 256
/// columns, 2 000 000 rows); each has a flag on `check` and `submit`. Inclusive.
public struct ReadLimits: Sendable, Equatable {
    public var maxFileBytes: Int
    public var maxFieldBytes: Int
    public var maxColumns: Int
    public var maxRows: Int

    public init(
        maxFileBytes: Int = 64 << 20, maxFieldBytes: Int = 64 << 10, maxColumns: Int = 256, maxRows: Int = 2_000_000
    ) {
        self.maxFileBytes = maxFileBytes
        self.maxFieldBytes = maxFieldBytes
        self.maxColumns = maxColumns
        self.maxRows = maxRows
    }

    var intake: IntakeLimits {
        IntakeLimits(
            maxFileBytes: maxFileBytes, maxFieldBytes: maxFieldBytes, maxColumns: maxColumns, maxRows: maxRows)
    }
}
