/// Text made safe for XML 1.0, which the XLSX parts are.
///
/// Three contexts:
/// - element content: `&`, `<`, `>` escaped; CR written `&#13;` (a parser would turn a
///   literal CR into LF);
/// - attribute values (in double quotes): also `"`, and tab, LF, CR as character references
///   (a parser would turn them into spaces);
/// - spreadsheet cell text (ECMA-376 `ST_Xstring`), see ``appendCellText(_:to:)``.
///
/// Characters XML 1.0 forbids — C0 controls other than tab, LF and CR, and U+FFFE,
/// U+FFFF — cannot be written even as references. In content and attributes they are
/// **replaced by U+FFFD** (�), so the loss is visible rather than silent. In cell text
/// they are written with the `_xHHHH_` escape Excel and LibreOffice decode, so nothing is
/// lost. (Lone surrogates cannot occur in a Swift `String`.)
public enum XMLText {
    /// `text` escaped for element content, or for a double-quoted attribute value.
    public static func escaped(_ text: String, forAttribute: Bool = false) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        append(text, to: &bytes, mode: forAttribute ? .attribute : .content)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `text` as a spreadsheet cell's string (`ST_Xstring`), ready to go between `<t>` tags.
    public static func escapedCellText(_ text: String) -> String {
        var bytes: [UInt8] = []
        appendCellText(text, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends cell text: content escaping, plus the `ST_Xstring` rules Excel follows
    /// (MS-OI29500 §2.1.1747): a forbidden character and CR become `_xHHHH_`, and an
    /// underscore that would start a literal `_xHHHH_` is itself written `_x005F_`, so
    /// "_x0041_" reads back as typed and not as "A".
    static func appendCellText(_ text: String, to bytes: inout [UInt8]) {
        append(text, to: &bytes, mode: .cellText)
    }

    enum Mode { case content, attribute, cellText }

    static func append(_ text: String, to output: inout [UInt8], mode: Mode) {
        var text = text
        text.withUTF8 { input in
            var runStart = 0
            var index = 0
            let count = input.count
            @inline(__always) func flush(upTo end: Int) {
                if end > runStart { output.append(contentsOf: UnsafeBufferPointer(rebasing: input[runStart..<end])) }
            }
            while index < count {
                let byte = input[index]
                var replacement: ReplacementKind?
                var width = 1
                switch byte {
                case UInt8(ascii: "&"): replacement = .literal("&amp;")
                case UInt8(ascii: "<"): replacement = .literal("&lt;")
                case UInt8(ascii: ">"): replacement = .literal("&gt;")
                case UInt8(ascii: "\""): if mode == .attribute { replacement = .literal("&quot;") }
                case 0x09: if mode == .attribute { replacement = .literal("&#9;") }
                case 0x0A: if mode == .attribute { replacement = .literal("&#10;") }
                case 0x0D: replacement = mode == .cellText ? .hexEscape(0x0D) : .literal("&#13;")
                case 0x00..<0x20: replacement = mode == .cellText ? .hexEscape(UInt16(byte)) : .replacementCharacter
                case 0xEF:
                    // U+FFFE is EF BF BE, U+FFFF is EF BF BF.
                    if index + 2 < count, input[index + 1] == 0xBF, input[index + 2] >= 0xBE {
                        width = 3
                        let scalar: UInt16 = input[index + 2] == 0xBE ? 0xFFFE : 0xFFFF
                        replacement = mode == .cellText ? .hexEscape(scalar) : .replacementCharacter
                    }
                case UInt8(ascii: "_"):
                    if mode == .cellText && startsEscape(input, at: index) { replacement = .hexEscape(0x5F) }
                default: break
                }
                if let replacement {
                    flush(upTo: index)
                    switch replacement {
                    case let .literal(text): output.append(contentsOf: text.utf8)
                    case .replacementCharacter: output.append(contentsOf: [0xEF, 0xBF, 0xBD])
                    case let .hexEscape(value): appendHexEscape(value, to: &output)
                    }
                    index += width
                    runStart = index
                } else {
                    index += 1
                }
            }
            flush(upTo: count)
        }
    }

    private enum ReplacementKind {
        case literal(StaticString)
        case replacementCharacter
        case hexEscape(UInt16)
    }

    /// Whether `_xHHHH_` (four hex digits, either case) starts at `index`.
    private static func startsEscape(_ input: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        guard index + 6 < input.count, input[index + 1] == UInt8(ascii: "x"), input[index + 6] == UInt8(ascii: "_")
        else { return false }
        for offset in 2...5 {
            switch input[index + offset] {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"),
                UInt8(ascii: "A")...UInt8(ascii: "F"):
                continue
            default: return false
            }
        }
        return true
    }

    private static func appendHexEscape(_ value: UInt16, to output: inout [UInt8]) {
        let hex: [UInt8] = Array("0123456789ABCDEF".utf8)
        output.append(contentsOf: [UInt8(ascii: "_"), UInt8(ascii: "x")])
        for shift in stride(from: 12, through: 0, by: -4) {
            output.append(hex[Int((value >> UInt16(shift)) & 0xF)])
        }
        output.append(UInt8(ascii: "_"))
    }
}
