/// A small pull tokenizer for the XML that SpreadsheetML uses, over bytes.
///
/// It reports start tags (with their attributes), end tags and text; it skips comments,
/// processing instructions and the XML declaration (whose `encoding`, if given, must be
/// UTF-8); CDATA sections are text taken as is. Entity references are the five predefined
/// ones and character references; a DOCTYPE is refused (so no entity can be declared, and
/// nothing expands), and so is an unknown entity. Names are compared by their local part
/// (after any prefix), which is how SpreadsheetML is matched whatever prefix a writer
/// chose — and what lets Strict OOXML, with its other namespace URIs, read the same.
///
/// Checked as it goes: tags nest and match, one root element, nothing but white space
/// outside it, no text after the end, attribute values quoted, at most 256 levels and
/// 512 attributes per tag. Text comes in pieces when it does not fit the window (a piece
/// never splits a reference, nor a CR from its LF). Line ends in text and attribute values
/// are normalised (CR LF and lone CR become LF), and attribute white space becomes spaces,
/// as XML 1.0 says.
///
/// A token's positions are indices into ``input``'s window, valid until the next call to
/// ``next()``.
struct XMLScanner {
    enum Token: Equatable {
        case start
        case end
        case text
        case done
    }

    struct Attribute {
        var nameStart: Int
        var nameEnd: Int
        var valueStart: Int
        var valueEnd: Int
        var hasReferences: Bool
    }

    private enum Mode {
        case content, cdata, comment, instruction
    }

    static let maxDepth = 256
    static let maxAttributes = 512

    let input: XMLInput
    private var position = 0
    private var mode = Mode.content
    private var atDocumentStart = true
    private var sawRoot = false

    /// The current tag's local name.
    private(set) var nameStart = 0
    private(set) var nameEnd = 0
    /// Whether the current start tag is `<x/>` (no end tag follows).
    private(set) var isEmptyElement = false
    /// The current start tag's attributes (``attributeCount`` of them).
    private let scratch = XMLScratch()
    /// The current text piece.
    private(set) var textStart = 0
    private(set) var textEnd = 0
    /// Whether the piece is CDATA (no references to resolve).
    private(set) var textIsCDATA = false

    init(_ input: XMLInput) {
        self.input = input
    }

    /// The number of open elements.
    var depth: Int { scratch.depth }

    /// The number of attributes of the current start tag.
    var attributeCount: Int { scratch.attributeCount }

    var partName: String { input.part.entry.name }

    private func damaged(_ what: String) -> WorkbookProblem { .damaged("\(partName): \(what)") }

    /// The next token.
    mutating func next() throws(WorkbookProblem) -> Token {
        while true {
            if position >= input.end {
                if input.isFinal { return try finishDocument() }
                try refill()
                continue
            }
            let base = input.base
            let end = input.end
            switch mode {
            case .content:
                break
            case .cdata:
                if let close = find3(0x5D, 0x5D, 0x3E, from: position) {
                    setText(position, close, cdata: true)
                    position = close + 3
                    mode = .content
                    if textEnd > textStart { return .text }
                    continue
                }
                if input.isFinal { throw damaged("a CDATA section is never closed") }
                // Keep two bytes: they may begin "]]>", and a CR may precede an LF.
                var cut = end - 2
                if cut > position && base[cut - 1] == 0x0D { cut -= 1 }
                if cut > position {
                    setText(position, cut, cdata: true)
                    position = cut
                    return .text
                }
                try refill()
                continue
            case .comment, .instruction:
                let close =
                    mode == .comment ? find3(0x2D, 0x2D, 0x3E, from: position) : find2(0x3F, 0x3E, from: position)
                if let close {
                    position = close + (mode == .comment ? 3 : 2)
                    mode = .content
                    continue
                }
                if input.isFinal {
                    throw damaged(mode == .comment ? "a comment is never closed" : "a <?…?> never closed")
                }
                position = max(position, end - 2)
                try refill()
                continue
            }
            if atDocumentStart {
                atDocumentStart = false
                if end - position >= 3, base[position] == 0xEF, base[position + 1] == 0xBB, base[position + 2] == 0xBF {
                    position += 3
                    continue
                }
            }
            if base[position] != 0x3C {
                if let token = try textToken() { return token }
                continue
            }
            // Markup.
            guard end - position >= 2 else {
                if input.isFinal { throw damaged("cut short in a tag") }
                try refill()
                continue
            }
            switch base[position + 1] {
            case 0x2F:  // </
                if try endTag() { return .end }
            case 0x3F:  // <?
                if try instruction() { continue }
            case 0x21:  // <!
                if try declaration() { continue }
            default:
                if try startTag() { return .start }
            }
            // The token does not fit the window yet.
            if input.isFinal { throw damaged("cut short in a tag") }
            try refill()
        }
    }

    private mutating func refill() throws(WorkbookProblem) {
        let shift = try input.refill(keeping: position)
        position -= shift
    }

    private mutating func finishDocument() throws(WorkbookProblem) -> Token {
        guard mode == .content else { throw damaged("the XML ends inside a comment or CDATA section") }
        guard sawRoot else { throw damaged("no XML element") }
        guard scratch.depth == 0 else { throw damaged("the XML is cut short (an element is never closed)") }
        return .done
    }

    private mutating func setText(_ start: Int, _ end: Int, cdata: Bool) {
        textStart = start
        textEnd = end
        textIsCDATA = cdata
    }

    /// Text up to the next `<`, or a piece of it; nil when there is nothing to report
    /// (white space outside the root) or the window must be refilled first.
    private mutating func textToken() throws(WorkbookProblem) -> Token? {
        let base = input.base
        let end = input.end
        var lt = position
        while lt < end && base[lt] != 0x3C { lt += 1 }
        var cut = lt
        if lt == end && !input.isFinal {
            // Short text waits for its end (the common case: refilled, taken whole).
            if end - position < input.capacity / 2 {
                try refill()
                return nil
            }
            // Long text goes in pieces; a piece never ends inside a reference or between
            // CR and LF.
            var k = end - 1
            while k > max(position, end - 40) && base[k] != 0x26 && base[k] != 0x3B { k -= 1 }
            if base[k] == 0x26 { cut = k }
            if cut > position && base[cut - 1] == 0x0D { cut -= 1 }
            if cut == position {
                try refill()
                return nil
            }
        }
        let start = position
        position = cut
        if scratch.depth == 0 {
            for k in start..<cut where !Self.isSpace(base[k]) {
                throw damaged(sawRoot ? "text after the root element" : "text before the root element")
            }
            return nil
        }
        setText(start, cut, cdata: false)
        return .text
    }

    /// `</name>`; false if it does not fit the window yet.
    private mutating func endTag() throws(WorkbookProblem) -> Bool {
        let base = input.base
        let end = input.end
        var i = position + 2
        let start = i
        while i < end && base[i] != 0x3E && !Self.isSpace(base[i]) { i += 1 }
        let nameEndIndex = i
        while i < end && Self.isSpace(base[i]) { i += 1 }
        guard i < end else { return false }
        guard base[i] == 0x3E, nameEndIndex > start else { throw damaged("a malformed end tag") }
        guard scratch.depth > 0 else { throw damaged("an end tag without a start tag") }
        guard scratch.pop(matching: base + start, nameEndIndex - start) else {
            throw damaged("an end tag that does not match its start tag")
        }
        setName(start, nameEndIndex)
        position = i + 1
        return true
    }

    /// `<?…?>`: the XML declaration is checked for its encoding; anything else is skipped.
    /// False if the declaration does not fit the window yet.
    private mutating func instruction() throws(WorkbookProblem) -> Bool {
        let base = input.base
        let end = input.end
        let isDeclaration =
            end - position >= 6 && base[position + 2] == 0x78 && base[position + 3] == 0x6D
            && base[position + 4] == 0x6C && Self.isSpace(base[position + 5])
        guard isDeclaration else {
            if end - position < 6 && !input.isFinal { return false }
            mode = .instruction
            position += 2
            return true
        }
        guard let close = find2(0x3F, 0x3E, from: position + 5) else { return false }
        if let encoding = Self.pseudoAttribute("encoding", base, from: position + 5, to: close) {
            let lowered = String(decoding: encoding.map { $0 | 0x20 }, as: UTF8.self)
            guard lowered == "utf-8" || lowered == "utf8" else {
                throw .unsupported("\(partName): XML in the encoding \(String(decoding: encoding, as: UTF8.self))")
            }
        }
        position = close + 2
        return true
    }

    /// `<!--`, `<![CDATA[` or a refused `<!DOCTYPE`; false if undecided yet.
    private mutating func declaration() throws(WorkbookProblem) -> Bool {
        let base = input.base
        let end = input.end
        func startsWith(_ literal: StaticString) -> Bool? {
            let count = literal.utf8CodeUnitCount
            let text = literal.utf8Start
            for k in 0..<count {
                guard position + k < end else { return nil }
                if base[position + k] != text[k] { return false }
            }
            return true
        }
        if let comment = startsWith("<!--") {
            if comment {
                mode = .comment
                position += 4
                return true
            }
        } else if !input.isFinal {
            return false
        }
        if let cdata = startsWith("<![CDATA[") {
            if cdata {
                guard scratch.depth > 0 else { throw damaged("CDATA outside the root element") }
                mode = .cdata
                position += 9
                return true
            }
        } else if !input.isFinal {
            return false
        }
        switch startsWith("<!DOCTYPE") {
        case true?: throw .unsupported("\(partName): a DOCTYPE declaration (entity declarations are not read)")
        case nil where !input.isFinal: return false
        default: break
        }
        throw damaged("unexpected markup <!")
    }

    /// A start tag with its attributes; false if it does not fit the window yet.
    private mutating func startTag() throws(WorkbookProblem) -> Bool {
        let base = input.base
        let end = input.end
        var i = position + 1
        let qualifiedStart = i
        while i < end && !Self.endsName(base[i]) { i += 1 }
        guard i < end else { return false }
        let qualifiedEnd = i
        guard qualifiedEnd > qualifiedStart, base[qualifiedStart] != 0x3C else { throw damaged("a malformed tag") }
        scratch.attributeCount = 0
        var empty = false
        while true {
            while i < end && Self.isSpace(base[i]) { i += 1 }
            guard i < end else { return false }
            let byte = base[i]
            if byte == 0x3E {
                i += 1
                break
            }
            if byte == 0x2F {
                guard i + 1 < end else { return false }
                guard base[i + 1] == 0x3E else { throw damaged("a malformed tag") }
                empty = true
                i += 2
                break
            }
            guard i > qualifiedEnd, Self.isSpace(base[i - 1]) else { throw damaged("a malformed attribute") }
            let attributeStart = i
            while i < end && !Self.isIn(Self.attributeNameEnds, base[i]) { i += 1 }
            let attributeEnd = i
            while i < end && Self.isSpace(base[i]) { i += 1 }
            guard i < end else { return false }
            guard base[i] == 0x3D, attributeEnd > attributeStart else { throw damaged("a malformed attribute") }
            i += 1
            while i < end && Self.isSpace(base[i]) { i += 1 }
            guard i < end else { return false }
            let quote = base[i]
            guard quote == 0x22 || quote == 0x27 else { throw damaged("an attribute value without quotes") }
            i += 1
            let valueStart = i
            var references = false
            while i < end && base[i] != quote {
                if Self.isIn(Self.valueSpecials, base[i]) {
                    if base[i] == 0x3C { throw damaged("< in an attribute value") }
                    references = true
                }
                i += 1
            }
            guard i < end else { return false }
            guard scratch.attributeCount < Self.maxAttributes else { throw damaged("a tag with too many attributes") }
            let local = Self.localStart(base, attributeStart, attributeEnd)
            scratch.attributes[scratch.attributeCount] = Attribute(
                nameStart: local, nameEnd: attributeEnd, valueStart: valueStart, valueEnd: i, hasReferences: references)
            scratch.attributeCount += 1
            i += 1
        }
        if scratch.depth == 0 {
            guard !sawRoot else { throw damaged("a second root element") }
            sawRoot = true
        }
        if !empty {
            guard scratch.depth < Self.maxDepth else { throw damaged("elements nested too deep") }
            guard qualifiedEnd - qualifiedStart <= XMLScratch.maxNameLength else { throw damaged("a name too long") }
            scratch.push(base + qualifiedStart, qualifiedEnd - qualifiedStart)
        }
        isEmptyElement = empty
        setName(qualifiedStart, qualifiedEnd)
        position = i
        return true
    }

    private mutating func setName(_ start: Int, _ end: Int) {
        nameStart = Self.localStart(input.base, start, end)
        nameEnd = end
    }

    /// Where the local part of a name begins (after the last colon).
    private static func localStart(_ base: UnsafeMutablePointer<UInt8>, _ start: Int, _ end: Int) -> Int {
        var k = end
        while k > start {
            if base[k - 1] == 0x3A { return k }
            k -= 1
        }
        return start
    }

    // Byte classes as bit masks over 0x00…0x3F: one shift and test per byte instead of a
    // chain of comparisons (the tag loops are the scanner's hottest).

    /// Tab, LF, CR, space.
    private static let spaces: UInt64 = 0x0000_0001_0000_2600
    /// White space, `/`, `>`.
    private static let nameEnds: UInt64 = 0x4000_8001_0000_2600
    /// White space, `/`, `>`, `=`.
    private static let attributeNameEnds: UInt64 = 0x6000_8001_0000_2600
    /// `&`, `<`, tab, LF, CR: what an attribute value must be looked at for.
    private static let valueSpecials: UInt64 = 0x1000_0040_0000_2600

    @inline(__always)
    private static func isIn(_ mask: UInt64, _ byte: UInt8) -> Bool {
        byte < 0x40 && (mask &>> UInt64(byte)) & 1 != 0
    }

    @inline(__always)
    static func isSpace(_ byte: UInt8) -> Bool { isIn(spaces, byte) }

    @inline(__always)
    private static func endsName(_ byte: UInt8) -> Bool { isIn(nameEnds, byte) }

    private func find2(_ a: UInt8, _ b: UInt8, from: Int) -> Int? {
        let base = input.base
        var k = from
        while k + 1 < input.end {
            if base[k] == a && base[k + 1] == b { return k }
            k += 1
        }
        return nil
    }

    private func find3(_ a: UInt8, _ b: UInt8, _ c: UInt8, from: Int) -> Int? {
        let base = input.base
        var k = from
        while k + 2 < input.end {
            if base[k] == a && base[k + 1] == b && base[k + 2] == c { return k }
            k += 1
        }
        return nil
    }

    /// The value of `name="…"` in a declaration's bytes.
    private static func pseudoAttribute(
        _ name: StaticString, _ base: UnsafeMutablePointer<UInt8>, from: Int, to: Int
    ) -> [UInt8]? {
        let count = name.utf8CodeUnitCount
        var k = from
        while k + count < to {
            var same = true
            for j in 0..<count where base[k + j] != name.utf8Start[j] {
                same = false
                break
            }
            if same {
                var i = k + count
                while i < to && isSpace(base[i]) { i += 1 }
                guard i < to, base[i] == 0x3D else { return nil }
                i += 1
                while i < to && isSpace(base[i]) { i += 1 }
                guard i < to, base[i] == 0x22 || base[i] == 0x27 else { return nil }
                let quote = base[i]
                let start = i + 1
                var e = start
                while e < to && base[e] != quote { e += 1 }
                return Array(UnsafeBufferPointer(start: base + start, count: e - start))
            }
            k += 1
        }
        return nil
    }
}

// MARK: - Names, attributes and text of the current token

extension XMLScanner {
    /// Whether the current tag's local name is `name`.
    @inline(__always)
    func isNamed(_ name: StaticString) -> Bool {
        let count = name.utf8CodeUnitCount
        guard nameEnd - nameStart == count else { return false }
        let base = input.base + nameStart
        let text = name.utf8Start
        for k in 0..<count where base[k] != text[k] { return false }
        return true
    }

    /// The index in ``attributes`` of the attribute whose local name is `name`.
    @inline(__always)
    func attribute(_ name: StaticString) -> Int? {
        let count = name.utf8CodeUnitCount
        let text = name.utf8Start
        let base = input.base
        let attributes = scratch.attributes
        search: for index in 0..<scratch.attributeCount {
            let attribute = attributes[index]
            guard attribute.nameEnd - attribute.nameStart == count else { continue }
            for k in 0..<count where base[attribute.nameStart + k] != text[k] { continue search }
            return index
        }
        return nil
    }

    /// The raw bytes of an attribute's value, when it holds no reference to resolve.
    func rawValue(_ index: Int) -> UnsafeBufferPointer<UInt8>? {
        let attribute = scratch.attributes[index]
        guard !attribute.hasReferences else { return nil }
        return UnsafeBufferPointer(
            start: input.base + attribute.valueStart, count: attribute.valueEnd - attribute.valueStart)
    }

    /// An attribute's value, references resolved and white space normalised.
    func value(_ index: Int) throws(WorkbookProblem) -> [UInt8] {
        let attribute = scratch.attributes[index]
        var out: [UInt8] = []
        do throws(WorkbookProblem) {
            try XMLText.append(input.base, attribute.valueStart, attribute.valueEnd, to: &out, attribute: true)
        } catch {
            throw error.inPart(partName)
        }
        return out
    }

    /// An attribute's value as a `String` (nil if absent).
    func string(_ name: StaticString) throws(WorkbookProblem) -> String? {
        guard let index = attribute(name) else { return nil }
        return String(decoding: try value(index), as: UTF8.self)
    }

    /// Appends the current text piece to `buffer`, references resolved and line ends
    /// normalised; returns false (appending nothing more) once `buffer` would pass `limit`.
    @inline(__always)
    func appendText(to buffer: inout [UInt8], limit: Int = .max) throws(WorkbookProblem) -> Bool {
        guard buffer.count <= limit else { return false }
        do throws(WorkbookProblem) {
            try XMLText.append(input.base, textStart, textEnd, to: &buffer, attribute: false, raw: textIsCDATA)
        } catch {
            throw error.inPart(partName)
        }
        return buffer.count <= limit
    }
}

/// The scanner's fixed memory: the open elements' names (a stack) and the current tag's
/// attributes, allocated once per part (arrays here cost a uniqueness check and a resize
/// on every tag).
final class XMLScratch {
    /// The longest element name kept on the stack.
    static let maxNameLength = 1024

    let attributes: UnsafeMutablePointer<XMLScanner.Attribute>
    var attributeCount = 0
    private let names: UnsafeMutablePointer<UInt8>
    private let lengths: UnsafeMutablePointer<Int>
    private(set) var depth = 0
    private var used = 0

    init() {
        attributes = .allocate(capacity: XMLScanner.maxAttributes)
        names = .allocate(capacity: XMLScanner.maxDepth * Self.maxNameLength)
        lengths = .allocate(capacity: XMLScanner.maxDepth)
    }

    deinit {
        attributes.deallocate()
        names.deallocate()
        lengths.deallocate()
    }

    /// Opens an element named by `count` bytes at `name` (the caller checks depth and length).
    @inline(__always)
    func push(_ name: UnsafePointer<UInt8>, _ count: Int) {
        (names + used).update(from: name, count: count)
        used += count
        lengths[depth] = count
        depth += 1
    }

    /// Closes the open element if it is named so; false (nothing closed) if not.
    @inline(__always)
    func pop(matching name: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        let length = lengths[depth - 1]
        guard length == count else { return false }
        let top = names + used - length
        for k in 0..<length where top[k] != name[k] { return false }
        used -= length
        depth -= 1
        return true
    }
}
