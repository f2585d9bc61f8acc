/// The workbook's shared strings (`xl/sharedStrings.xml`): the text of every `t="s"` cell,
/// by index, held in memory (one byte buffer and the end of each string).
///
/// A string is the text of its `<t>` elements — the plain one, or those of its rich text
/// runs (`<r><t>`), concatenated — without its phonetic runs (`<rPh>`), with Excel's
/// `_xHHHH_` escapes resolved (``ExcelEscapes``). Memory is bounded by the part's cap,
/// and a string longer than the field-size limit is kept only up to one byte past it:
/// enough for the cell that uses it to be refused with `limit-exceeded` `field-size`.
struct SharedStrings {
    private var bytes: [UInt8] = []
    /// The end of each string in ``bytes`` (32 bits: the part is capped far below 4 GiB).
    private var ends: [UInt32] = []

    init() {}

    var count: Int { ends.count }

    /// Calls `body` with string `index`'s bytes, or returns false if there is none.
    @inline(__always)
    func withString<R>(
        _ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws(WorkbookProblem) -> R
    )
        throws(WorkbookProblem) -> R?
    {
        guard index >= 0 && index < ends.count else { return nil }
        let start = index == 0 ? 0 : Int(ends[index - 1])
        let end = Int(ends[index])
        return try bytes.withUnsafeBufferPointer { all throws(WorkbookProblem) in
            try body(UnsafeBufferPointer(rebasing: all[start..<end]))
        }
    }

    /// Reads the shared strings part; strings are kept up to `maxFieldBytes + 1` bytes.
    static func read(
        _ archive: ZipArchive, _ entry: ZipEntry, cap: Int, maxFieldBytes: Int
    ) throws(WorkbookProblem) -> SharedStrings {
        var strings = SharedStrings()
        strings.bytes.reserveCapacity(min(entry.size, cap) / 2)
        let keep = maxFieldBytes < Int.max ? maxFieldBytes + 1 : maxFieldBytes
        var inItem = false
        var inText = false
        var phonetic = 0
        var start = 0
        try XMLPart.scan(archive, entry, cap: cap) { token, scanner throws(WorkbookProblem) in
            switch token {
            case .start:
                if scanner.isNamed("si") {
                    inItem = true
                    start = strings.bytes.count
                    if scanner.isEmptyElement {
                        inItem = false
                        strings.ends.append(UInt32(truncatingIfNeeded: start))
                    }
                } else if scanner.isNamed("rPh") {
                    if !scanner.isEmptyElement { phonetic += 1 }
                } else if inItem, phonetic == 0, scanner.isNamed("t") {
                    inText = !scanner.isEmptyElement
                }
            case .end:
                if scanner.isNamed("t") {
                    inText = false
                } else if scanner.isNamed("rPh") {
                    phonetic = max(0, phonetic - 1)
                } else if scanner.isNamed("si"), inItem {
                    inItem = false
                    ExcelEscapes.resolve(&strings.bytes, from: start)
                    if strings.bytes.count - start > keep {
                        strings.bytes.removeLast(strings.bytes.count - start - keep)
                    }
                    strings.ends.append(UInt32(truncatingIfNeeded: strings.bytes.count))
                }
            case .text:
                if inText && strings.bytes.count - start <= keep {
                    _ = try scanner.appendText(to: &strings.bytes)
                }
            case .done:
                break
            }
        }
        return strings
    }
}

/// Excel's escapes for characters XML cannot hold (ECMA-376 §22.9.2.19, `ST_Xstring`):
/// `_x000D_` is a CR, `_x005F_` an underscore (how Excel writes a literal "_x0041_").
enum ExcelEscapes {
    /// Resolves the escapes in `bytes[from...]`, in place. An escape whose character is
    /// not an XML character (a C0 control, a surrogate) is left as written.
    static func resolve(_ bytes: inout [UInt8], from start: Int) {
        guard bytes.count - start >= 7 else { return }
        guard var k = bytes[start...].firstIndex(of: 0x5F) else { return }
        var out = k
        while k < bytes.count {
            if bytes[k] == 0x5F, let value = escape(bytes, at: k) {
                var scalar: [UInt8] = []
                XMLText.appendScalar(value, to: &scalar)
                for byte in scalar {
                    bytes[out] = byte
                    out += 1
                }
                k += 7
                continue
            }
            bytes[out] = bytes[k]
            out += 1
            k += 1
        }
        bytes.removeLast(bytes.count - out)
    }

    /// The character of `_xHHHH_` at `at`, if that is one and an XML character.
    private static func escape(_ bytes: [UInt8], at: Int) -> UInt32? {
        guard bytes.count - at >= 7, bytes[at + 1] == 0x78, bytes[at + 6] == 0x5F else { return nil }
        var value: UInt32 = 0
        for byte in bytes[(at + 2)..<(at + 6)] {
            switch byte {
            case 0x30...0x39: value = value << 4 | UInt32(byte - 0x30)
            case 0x41...0x46: value = value << 4 | UInt32(byte - 0x41 + 10)
            case 0x61...0x66: value = value << 4 | UInt32(byte - 0x61 + 10)
            default: return nil
            }
        }
        return XMLText.isCharacter(value) ? value : nil
    }
}
