/// Encodings the reader understands.
///
/// The raw values are the canonical names the reader prints (in messages and JSON) and the
/// first spelling ``init(userValue:)`` accepts. VNI has no case: it can be detected (as a
/// `legacy-encoding` finding) but not converted, because its two-byte letters need a
/// table per font that nobody publishes authoritatively; Unikey converts it.
public enum SourceEncoding: String, Sendable, CaseIterable {
    /// UTF-8, with or without a byte-order mark (Excel's "CSV UTF-8" writes one).
    case utf8 = "utf-8"
    /// UTF-16 little-endian: Excel's "Unicode text" (with a BOM, tab-separated).
    case utf16LE = "utf-16le"
    /// UTF-16 big-endian.
    case utf16BE = "utf-16be"
    /// The Vietnamese Windows code page: what Vietnamese-locale Excel writes as plain "CSV".
    case windows1258 = "windows-1258"
    /// TCVN 5712:1993 VN3, the "ABC" encoding of the `.VnTime` fonts. Never detected as a
    /// source encoding (it is reported as `legacy-encoding`); only converted on request.
    case tcvn3 = "tcvn3"

    /// Parses a user's `--encoding` value, leniently.
    ///
    /// Case, `-`, `_`, `.` and spaces are ignored, so `UTF-8`, `utf_8` and `utf8` are one
    /// spelling. Accepted (after that folding):
    ///
    /// | encoding | spellings |
    /// |---|---|
    /// | ``utf8`` | `utf8`, `u8`, `utf8sig` (Python's name for UTF-8 with a BOM) |
    /// | ``utf16LE`` | `utf16`, `utf16le`, `unicode` (Excel's and Notepad's name), `ucs2`, `ucs2le` |
    /// | ``utf16BE`` | `utf16be`, `unicodebigendian` (Notepad's name), `ucs2be` |
    /// | ``windows1258`` | `windows1258`, `win1258`, `cp1258`, `1258`, `ansi` (Notepad's name for the Windows code page, which is 1258 on a Vietnamese Windows) |
    /// | ``tcvn3`` | `tcvn3`, `tcvn`, `tcvn5712`, `vn3`, `abc` |
    ///
    /// `utf16` without an order means little-endian because that is what Windows writes;
    /// a byte-order mark in the file decides the order anyway (see ``EncodingDetector``).
    /// Returns `nil` for anything else, including `vni` (detectable, not convertible).
    public init?(userValue: String) {
        var key = ""
        for scalar in userValue.unicodeScalars {
            switch scalar {
            case "-", "_", ".", " ", "\t": continue
            default: key.unicodeScalars.append(scalar)
            }
        }
        switch key.lowercased() {
        case "utf8", "u8", "utf8sig": self = .utf8
        case "utf16", "utf16le", "unicode", "ucs2", "ucs2le": self = .utf16LE
        case "utf16be", "unicodebigendian", "ucs2be": self = .utf16BE
        case "windows1258", "win1258", "cp1258", "1258", "ansi": self = .windows1258
        case "tcvn3", "tcvn", "tcvn5712", "vn3", "abc": self = .tcvn3
        default: return nil
        }
    }
}
