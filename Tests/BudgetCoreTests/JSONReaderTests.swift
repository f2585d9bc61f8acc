import Testing

@testable import BudgetCore

@Suite("JSON reader")
struct JSONReaderTests {
    func document(_ text: String) throws -> JSONDocument { try JSONReader.document(Array(text.utf8)) }

    func syntaxError(_ text: String) -> JSONSyntaxError? { syntaxError(Array(text.utf8)) }

    func syntaxError(_ bytes: [UInt8]) -> JSONSyntaxError? {
        do {
            _ = try JSONReader.document(bytes)
            return nil
        } catch {
            return error
        }
    }

    @Test("members are found by name whether or not the name is written with escapes")
    func escapedNames() throws {
        let root = try document(#"{"\u0063ode": "A\u0301", "t\"x": [1, {"k": null}, "v"], "n": -1.5e3}"#).root
        guard case let .string(code) = root["code"]?.value else {
            Issue.record("no member \"code\"")
            return
        }
        #expect(code == "A\u{0301}")
        #expect(root["t\"x"] != nil)
        guard case let .number(n) = root["n"]?.value else {
            Issue.record("no member \"n\"")
            return
        }
        #expect(n == "-1.5e3")
        guard case let .array(elements) = root["t\"x"]?.value else {
            Issue.record("no array")
            return
        }
        #expect(elements.count == 3)
        #expect(Array(elements).map(\.kindName.en) == ["a number", "an object", "a string"])
        guard case let .object(members) = root.value else {
            Issue.record("not an object")
            return
        }
        #expect(Array(members).map(\.key) == ["code", "t\"x", "n"])
        #expect(root.hasOnlyMembers(in: ["code", "t\"x", "n"]))
        #expect(!root.hasOnlyMembers(in: ["code", "n"]))
    }

    @Test("one pass finds the named members in order of the names, and tells of any other")
    func membersNamed() throws {
        let root = try document(#"{"title": "T", "c\u0061p": 5, "code": "K1"}"#).root
        var found: [JSONNode?] = [nil]
        #expect(root.members(named: ["code", "title", "agencies", "cap"], into: &found))
        #expect(found.count == 4)
        #expect(found.map { $0?.offset } == [root["code"]?.offset, root["title"]?.offset, nil, root["cap"]?.offset])
        guard case let .string(code) = found[0]?.value else {
            Issue.record("no code")
            return
        }
        #expect(code == "K1")
        // A member not named is reported; the named ones are still found.
        #expect(!root.members(named: ["code", "title"], into: &found))
        #expect(found.count == 2 && found[0] != nil && found[1] != nil)
        // Not an object: nothing found, nothing unknown.
        let array = try document("[1]").root
        #expect(array.members(named: ["code"], into: &found) && found.count == 1 && found[0] == nil)
    }

    @Test("strings read eight bytes at a time stop at a quote, an escape or a control at every position")
    func stringsAtEveryPosition() throws {
        for length in 0..<40 {
            for position in 0...length {
                let before = String(repeating: "a", count: position)
                let after = String(repeating: "b", count: length - position)
                // An escaped quote, an escaped backslash, a letter of two bytes and one of three.
                let cases: [(String, String)] = [(#"\""#, "\""), (#"\\"#, "\\"), ("đ", "đ"), ("ệ", "ệ")]
                for (written, meant) in cases {
                    let root = try document("{\"k\": \"\(before)\(written)\(after)\"}").root
                    guard case let .string(text) = root["k"]?.value else {
                        Issue.record("no string at \(length), \(position)")
                        return
                    }
                    #expect(text == before + meant + after, "\(length), \(position), \(written)")
                }
                // A raw tab is refused where it stands.
                let error = syntaxError("{\"k\": \"\(before)\t\(after)\"}")
                #expect(error?.message.en == "control character in a string", "\(length), \(position)")
                #expect(error?.column == 8 + position, "\(length), \(position)")
                // Bytes that are not UTF-8 after a run of ASCII are refused.
                var bytes = Array("{\"k\": \"\(before)".utf8) + [0xC3] + Array("\(after)\"}".utf8)
                #expect(syntaxError(bytes)?.message.en == "the string is not valid UTF-8", "\(length), \(position)")
                bytes = Array("{\"k\": \"\(before)\(after)\"}".utf8)
                #expect(syntaxError(bytes) == nil)
            }
        }
    }

    @Test("a member name twice is refused, written plainly or with escapes, in small objects and large")
    func duplicates() {
        #expect(syntaxError(#"{"a": 1, "\u0061": 2}"#)?.message.en == "member \"a\" appears twice")
        let many = (0..<40).map { "\"m\($0)\": \($0)" }.joined(separator: ", ")
        let error = syntaxError("{\(many), \"m3\": true}")
        #expect(error?.message.en == "member \"m3\" appears twice")
        // Placed at the repeated member's value.
        #expect(error?.column == "{\(many), \"m3\": ".count + 1)
        #expect(syntaxError("{\(many)}") == nil)
    }

    @Test("lines and columns count characters, a byte-order mark as one on the first line")
    func positions() throws {
        let text = "\u{FEFF}{\"a\": \"é\",\n  \"b\": [1,\n\n    2]}"
        let doc = try JSONReader.document(Array(text.utf8))
        let bytes = Array(text.utf8)
        let offsetOf2 = bytes.lastIndex(of: UInt8(ascii: "2"))!
        let offsetOfB = bytes.firstIndex(of: UInt8(ascii: "b"))!
        // Asked out of order: answered in the order asked.
        let found = doc.positions(of: [offsetOf2, offsetOfB, 0])
        #expect(found.map(\.line) == [4, 2, 1])
        #expect(found.map(\.column) == [5, 4, 1])
        #expect(doc.position(of: 4).column == 3)  // after the mark and "{"
        let broken = syntaxError("{\"é\": 1,\n \"x\": tru }")
        #expect(broken?.line == 2 && broken?.column == 7)
    }

    @Test("strings that are not UTF-8, and escapes that are not scalars, are refused where they end")
    func invalidStrings() {
        var bytes: [UInt8] = Array(#"{"a": "x"#.utf8) + [0xC3, 0x28] + Array(#"", "b": 1}"#.utf8)
        let error = syntaxError(bytes)
        #expect(error?.message.en == "the string is not valid UTF-8")
        #expect(error?.column == 12)  // just past the closing quote
        bytes = Array(#"{"a"#.utf8) + [0x01] + Array(#"": 1}"#.utf8)
        #expect(syntaxError(bytes)?.message.en == "control character in a string")
        #expect(syntaxError(#"["\udc00"]"#)?.message.en == "invalid \\u escape")
        #expect(syntaxError(#"["\ud800x"]"#)?.message.en == "incomplete UTF-16 surrogate pair")
        #expect(syntaxError(#"["\u12g4"]"#)?.column == 7)  // at the first byte that is not a digit
        #expect(syntaxError(#"["\ud83d\ude00"]"#) == nil)
    }
}

@Suite("UTF-8 check")
struct UTF8CheckTests {
    /// The standard library's answer: decoding repairs what is not UTF-8.
    func reference(_ bytes: [UInt8]) -> Bool {
        String(decoding: bytes, as: UTF8.self).utf8.elementsEqual(bytes)
    }

    @Test("agrees with the standard library on every sequence of one and two bytes")
    func shortSequences() {
        for a in 0...255 {
            #expect(UTF8Check.isValid([UInt8(a)][...]) == reference([UInt8(a)]))
            for b in 0...255 where UTF8Check.isValid([UInt8(a), UInt8(b)][...]) != reference([UInt8(a), UInt8(b)]) {
                Issue.record("disagrees on \(a) \(b)")
            }
        }
    }

    @Test("agrees on every lead of three and four bytes with every second byte, and on edges of the rest")
    func longSequences() {
        let edges: [UInt8] = [0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0]
        let lastEdges: [UInt8] = [0x41, 0x80, 0xBF, 0xC0]
        for lead in 0xE0...0xF7 {
            for second in 0...255 {
                for third in edges {
                    let three = [UInt8(lead), UInt8(second), third]
                    if lead < 0xF0 {
                        if UTF8Check.isValid(three[...]) != reference(three) { Issue.record("disagrees on \(three)") }
                        continue
                    }
                    for fourth in lastEdges {
                        let four = three + [fourth]
                        if UTF8Check.isValid(four[...]) != reference(four) { Issue.record("disagrees on \(four)") }
                    }
                }
            }
        }
    }

    @Test("agrees on random text, with ASCII runs of every length before a bad byte")
    func randomText() {
        var rng = SystemRandomNumberGenerator()
        let pieces: [[UInt8]] = [
            Array("Nội dung".utf8), [0x41], [0xC3], [0xE1, 0xBB], [0xF0, 0x9F, 0x98, 0x80], [0xED, 0xA0, 0x80],
            [0xFF], [0x80],
        ]
        for _ in 0..<5000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...12, using: &rng) { bytes += pieces.randomElement(using: &rng)! }
            #expect(UTF8Check.isValid(bytes[...]) == reference(bytes), "\(bytes)")
        }
        for run in 0...24 {
            let bytes = [UInt8](repeating: 0x61, count: run) + [0xC3]
            #expect(!UTF8Check.isValid(bytes[...]))
            #expect(UTF8Check.isValid(bytes.dropLast()))
            #expect(UTF8Check.isValid((bytes + [0xA9])[...]))
        }
    }
}
