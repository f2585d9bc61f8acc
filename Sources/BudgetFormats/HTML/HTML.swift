/// Escaping for HTML documents.
public enum HTML {
    /// `text` safe to place in HTML text and in a quoted attribute value (either quote):
    /// `&`, `<`, `>`, `"` and `'` become `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&#39;`.
    ///
    /// One function for both contexts so that a caller cannot pick the wrong one. NUL and
    /// the C0 controls other than tab, LF and CR — parse errors in HTML, invalid in the
    /// XML of inline SVG — become U+FFFD (�), like U+FFFE and U+FFFF. Complexity: O(n).
    public static func escape(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 16)
        appendEscaped(text, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// ``escape(_:)`` with each line break (CRLF, CR or LF) written as `<br>`: for cell
    /// text and addresses that keep their lines.
    public static func escapeKeepingLines(_ text: String) -> String {
        var bytes: [UInt8] = []
        appendEscaped(text, to: &bytes, lineBreaks: true)
        return String(decoding: bytes, as: UTF8.self)
    }

    static func appendEscaped(_ text: String, to output: inout [UInt8], lineBreaks: Bool = false) {
        var text = text
        text.withUTF8 { input in
            var runStart = 0
            var index = 0
            while index < input.count {
                let byte = input[index]
                var replacement: [UInt8]? = nil
                var width = 1
                switch byte {
                case UInt8(ascii: "&"): replacement = Self.amp
                case UInt8(ascii: "<"): replacement = Self.lt
                case UInt8(ascii: ">"): replacement = Self.gt
                case UInt8(ascii: "\""): replacement = Self.quot
                case UInt8(ascii: "'"): replacement = Self.apos
                case 0x0A: if lineBreaks { replacement = Self.br }
                case 0x0D:
                    if lineBreaks {
                        replacement = Self.br
                        if index + 1 < input.count && input[index + 1] == 0x0A { width = 2 }
                    }
                case 0x09: break
                case 0x00..<0x20: replacement = Self.replacementCharacter
                case 0xEF:
                    if index + 2 < input.count, input[index + 1] == 0xBF, input[index + 2] >= 0xBE {
                        replacement = Self.replacementCharacter
                        width = 3
                    }
                default: break
                }
                if let replacement {
                    if index > runStart {
                        output.append(contentsOf: UnsafeBufferPointer(rebasing: input[runStart..<index]))
                    }
                    output.append(contentsOf: replacement)
                    index += width
                    runStart = index
                } else {
                    index += 1
                }
            }
            if input.count > runStart { output.append(contentsOf: UnsafeBufferPointer(rebasing: input[runStart...])) }
        }
    }

    private static let amp = Array("&amp;".utf8)
    private static let lt = Array("&lt;".utf8)
    private static let gt = Array("&gt;".utf8)
    private static let quot = Array("&quot;".utf8)
    private static let apos = Array("&#39;".utf8)
    private static let br = Array("<br>".utf8)
    private static let replacementCharacter: [UInt8] = [0xEF, 0xBF, 0xBD]
}
