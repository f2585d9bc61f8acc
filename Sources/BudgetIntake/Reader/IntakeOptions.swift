/// The documented limits of what the reader accepts (the README, "Submissions").
///
/// They keep memory bounded whatever arrives: a record can never grow past
/// `maxColumns × maxFieldBytes`, and the reader stops at the first limit crossed with a
/// `limit-exceeded` finding rather than reading on.
public struct IntakeLimits: Sendable, Hashable {
    /// The largest file accepted, in bytes as stored (before decoding).
    public var maxFileBytes: Int
    /// The longest field, in UTF-8 bytes after decoding.
    public var maxFieldBytes: Int
    /// The most cells in one record.
    public var maxColumns: Int
    /// The most records (blank lines are not records).
    public var maxRows: Int

    /// The defaults: 64 MiB, 64 KiB, 256 columns, 2 000 000 rows.
    public init(
        maxFileBytes: Int = 64 << 20, maxFieldBytes: Int = 64 << 10, maxColumns: Int = 256,
        maxRows: Int = 2_000_000
    ) {
        self.maxFileBytes = maxFileBytes
        self.maxFieldBytes = maxFieldBytes
        self.maxColumns = maxColumns
        self.maxRows = maxRows
    }
}

/// How to read one submitted file.
public struct IntakeOptions: Sendable {
    /// The name the user gave the file; every finding carries it.
    public var fileName: String
    /// `--encoding`: overrides detection when set.
    public var requestedEncoding: SourceEncoding?
    public var limits: IntakeLimits
    /// Whether lines carry their text: STT, description, unit and note (the item code is
    /// always kept). `true` by default.
    ///
    /// A caller that only validates (`budget check`) never shows that text, and making a
    /// `String` of it costs more than reading the rest of the line: with `false`, those
    /// fields are left empty and the description is handed on only as its matching key
    /// (``EstimateLine/descriptionKey``), computed straight from the file's bytes — what
    /// the duplicate-line rule needs. Findings are the same either way.
    public var keepsLineText: Bool
    /// Whether lines reach the consumer in file order. `false` by default: a line whose
    /// quantity waits for the file's decimal mark is held back while later lines go on, so
    /// that only such lines are ever held. With `true` (and the text kept), once a line is
    /// held every later one waits behind it, and all are given in file order when the mark
    /// is decided: what a reader of stored lines needs (``EstimateLine/line`` ascending).
    public var keepsFileOrder: Bool

    public init(
        fileName: String, requestedEncoding: SourceEncoding? = nil, limits: IntakeLimits = IntakeLimits(),
        keepsLineText: Bool = true, keepsFileOrder: Bool = false
    ) {
        self.fileName = fileName
        self.requestedEncoding = requestedEncoding
        self.limits = limits
        self.keepsLineText = keepsLineText
        self.keepsFileOrder = keepsFileOrder
    }
}
