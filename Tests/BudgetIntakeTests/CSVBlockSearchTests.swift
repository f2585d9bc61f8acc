import Testing

@testable import BudgetIntake

/// The scanner's searches sixteen bytes at a time (``ByteSearch``) against the state
/// machine alone: fed one byte at a time, the scanner never has a block or a word to
/// search, so any difference is the searches'.
@Suite("CSV scanner: block search")
struct CSVBlockSearchTests {
    /// Fields long enough for blocks and words, with Vietnamese in them.
    static let row =
        "12,IV.2.a,Cổ động trực quan pa nô băng rôn cờ áp phích,bộ,20,15000000,300000000,Ghi chú dài dài\n"

    /// Bytes that end or change a field, and a tab and control inside one.
    static let specials: [String] = [",", "\"", "\n", "\r", "\r\n", "\t", "\u{0B}", ";", "\"\"", "-"]

    static func agree(_ text: String, separator: UInt8 = 0x2C) -> Bool {
        let whole = scanRecords(text, separator: separator)
        let single = scanRecords(text, separator: separator, chunk: 1)
        return whole.records == single.records && whole.lines == single.lines && whole.issues == single.issues
    }

    @Test("a special byte at every offset of a record gives the records of the state machine")
    func everyOffset() {
        let bytes = Array((Self.row + Self.row).utf8)
        for special in Self.specials {
            for offset in 0...bytes.count {
                var edited = bytes
                edited.insert(contentsOf: Array(special.utf8), at: offset)
                let text = String(decoding: edited, as: UTF8.self)
                #expect(Self.agree(text), "\(special.debugDescription) at \(offset)")
            }
        }
    }

    @Test("quoted fields of every length end where the state machine ends them")
    func quotedLengths() {
        for length in 0..<48 {
            let inside = String(repeating: "ư", count: length / 2) + String(repeating: "x", count: length % 2)
            for tail in ["", ",", "\r\n", "\"\"a", "\nb", "x"] {
                let text = "1,\"\(inside)\(tail)\",3\n\"\(inside)\",\(inside)\(tail)\n"
                #expect(Self.agree(text), "\(length) \(tail.debugDescription)")
                #expect(Self.agree(text.replacingOccurrences(of: ",", with: ";"), separator: 0x3B))
            }
        }
    }

    @Test("a record cut off at every length is read as the state machine reads it")
    func cutOff() {
        let bytes = Array((Self.row + "\"q,\"\"x\"\"\r\ny\",z,\tw\r\n" + Self.row).utf8)
        for count in 0...bytes.count {
            let text = String(decoding: bytes[..<count], as: UTF8.self)
            #expect(Self.agree(text), "first \(count) bytes")
        }
    }
}
