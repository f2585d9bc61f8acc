import BudgetCore

/// What ``EncodingDetector`` decided about a file.
public struct EncodingDetection: Sendable {
    /// The encoding to read the file in; nil → unreadable or legacy: the reader stops and
    /// reports `findings`.
    public var encoding: SourceEncoding?
    /// Bytes to skip at the start (3 for a UTF-8 BOM, 2 for UTF-16 BOMs; 0 for TCVN3,
    /// whose transcoder reads the BOM itself).
    public var bomLength: Int
    /// `unreadable-encoding` / `legacy-encoding`, with `line` where known (1-based physical
    /// line of the offending byte).
    public var findings: [Finding]
    /// UTF-8 decided from a prefix only: bytes later may disprove it. The reader then calls
    /// ``EncodingDetector/detect(_:isWholeFile:requested:excludeUTF8:)`` again with
    /// `excludeUTF8` and starts over. Only a BOM-less file whose prefix is all ASCII is
    /// tentative: UTF-8 sequences in the prefix are evidence enough that a later invalid
    /// byte is damage, not another encoding.
    public var isTentative: Bool
    /// UTF-8 found valid to the last byte of a prefix that is the whole file: the reader
    /// need not validate those bytes a second time.
    var isValidWholeUTF8 = false

    public init(encoding: SourceEncoding?, bomLength: Int, findings: [Finding], isTentative: Bool) {
        self.encoding = encoding
        self.bomLength = bomLength
        self.findings = findings
        self.isTentative = isTentative
    }

    /// A decision to read the file in `encoding`.
    static func readable(_ encoding: SourceEncoding, bomLength: Int, isTentative: Bool = false) -> Self {
        Self(encoding: encoding, bomLength: bomLength, findings: [], isTentative: isTentative)
    }

    /// A decision not to read the file, for `finding`.
    static func refused(_ finding: Finding, bomLength: Int = 0) -> Self {
        Self(encoding: nil, bomLength: bomLength, findings: [finding], isTentative: false)
    }
}
