/// Turns template text into ``TemplateNode``s, checking tags and section nesting.
struct TemplateParser {
    private let source: [UInt8]
    private let name: String

    init(source: [UInt8], name: String) {
        self.source = source
        self.name = name
    }

    private struct OpenSection {
        var path: [String]
        var text: String
        var inverted: Bool
        var position: Int
        var nodes: [TemplateNode] = []
    }

    private enum Tag {
        case variable(path: [String], raw: Bool)
        case open(path: [String], text: String, inverted: Bool)
        case close(text: String)
        case comment
    }

    mutating func parse() throws(TemplateError) -> [TemplateNode] {
        var stack = [OpenSection(path: [], text: "", inverted: false, position: 0)]
        var textStart = 0
        var index = 0
        while let open = find([0x7B, 0x7B], from: index) {  // "{{"
            let triple = open + 2 < source.count && source[open + 2] == 0x7B
            let contentStart = open + (triple ? 3 : 2)
            guard let close = find(triple ? [0x7D, 0x7D, 0x7D] : [0x7D, 0x7D], from: contentStart) else {
                throw error(.unterminatedTag, at: open)
            }
            let tagEnd = close + (triple ? 3 : 2)
            let tag = try classify(Array(source[contentStart..<close]), triple: triple, at: open)

            // A standalone section, close or comment tag takes its whole line with it.
            var textEnd = open
            var next = tagEnd
            if case .variable = tag {
            } else if let lineEnd = standaloneLineEnd(tagStart: open, tagEnd: tagEnd) {
                textEnd = lineStart(of: open)
                next = lineEnd
            }
            if textEnd > textStart { stack[stack.count - 1].nodes.append(.text(Array(source[textStart..<textEnd]))) }

            switch tag {
            case let .variable(path, raw):
                stack[stack.count - 1].nodes.append(.variable(path: path, raw: raw, position: open))
            case let .open(path, text, inverted):
                guard stack.count <= Template.maxNesting else {
                    throw error(.nestedTooDeep(Template.maxNesting), at: open)
                }
                stack.append(OpenSection(path: path, text: text, inverted: inverted, position: open))
            case let .close(text):
                guard stack.count > 1, let section = stack.last else { throw error(.unexpectedClose(text), at: open) }
                guard section.text == text else {
                    throw error(.mismatchedClose(expected: section.text, found: text), at: open)
                }
                stack.removeLast()
                stack[stack.count - 1].nodes.append(
                    .section(
                        path: section.path, inverted: section.inverted, children: section.nodes,
                        position: section.position))
            case .comment:
                break
            }
            index = next
            textStart = next
        }
        if source.count > textStart { stack[stack.count - 1].nodes.append(.text(Array(source[textStart...]))) }
        if stack.count > 1, let section = stack.last {
            throw error(.unclosedSection(section.text), at: section.position)
        }
        return stack[0].nodes
    }

    private func classify(_ content: [UInt8], triple: Bool, at position: Int) throws(TemplateError) -> Tag {
        let trimmed = Self.trim(content[...])
        let text = String(decoding: trimmed, as: UTF8.self)
        guard let sigil = trimmed.first else { throw error(.emptyTag, at: position) }
        if triple { return .variable(path: try path(text, at: position), raw: true) }
        let rest = String(decoding: Self.trim(trimmed.dropFirst()), as: UTF8.self)
        switch sigil {
        case UInt8(ascii: "!"): return .comment
        case UInt8(ascii: "#"), UInt8(ascii: "^"):
            guard !rest.isEmpty else { throw error(.emptyTag, at: position) }
            return .open(path: try path(rest, at: position), text: rest, inverted: sigil == UInt8(ascii: "^"))
        case UInt8(ascii: "/"):
            guard !rest.isEmpty else { throw error(.emptyTag, at: position) }
            _ = try path(rest, at: position)
            return .close(text: rest)
        case UInt8(ascii: "&"):
            guard !rest.isEmpty else { throw error(.emptyTag, at: position) }
            return .variable(path: try path(rest, at: position), raw: true)
        case UInt8(ascii: ">"), UInt8(ascii: "="), UInt8(ascii: "<"), UInt8(ascii: "$"):
            throw error(.unsupportedTag(text), at: position)
        default:
            return .variable(path: try path(text, at: position), raw: false)
        }
    }

    /// A dotted name split into parts, each of ASCII letters, digits, `_` and `-`.
    private func path(_ text: String, at position: Int) throws(TemplateError) -> [String] {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        for part in parts {
            let valid =
                !part.isEmpty
                && part.utf8.allSatisfy { byte in
                    (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                        || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
                }
            guard valid else { throw error(.invalidName(text), at: position) }
        }
        return parts.map(String.init)
    }

    /// If only spaces and tabs surround the tag on its line, the offset just after the
    /// line's end (past LF or CRLF, or the end of the text).
    private func standaloneLineEnd(tagStart: Int, tagEnd: Int) -> Int? {
        for byte in source[lineStart(of: tagStart)..<tagStart] where byte != 0x20 && byte != 0x09 { return nil }
        var index = tagEnd
        while index < source.count, source[index] == 0x20 || source[index] == 0x09 { index += 1 }
        if index == source.count { return index }
        if source[index] == 0x0A { return index + 1 }
        if source[index] == 0x0D, index + 1 < source.count, source[index + 1] == 0x0A { return index + 2 }
        return nil
    }

    private func lineStart(of position: Int) -> Int {
        var index = position
        while index > 0 && source[index - 1] != 0x0A { index -= 1 }
        return index
    }

    private func find(_ needle: [UInt8], from start: Int) -> Int? {
        guard needle.count <= source.count, start <= source.count - needle.count else { return nil }
        var index = start
        let last = source.count - needle.count
        while index <= last {
            if source[index] == needle[0] {
                var matched = true
                for offset in 1..<needle.count where source[index + offset] != needle[offset] {
                    matched = false
                    break
                }
                if matched { return index }
            }
            index += 1
        }
        return nil
    }

    private static func trim(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var slice = bytes
        while let first = slice.first, first == 0x20 || first == 0x09 || first == 0x0A || first == 0x0D {
            slice = slice.dropFirst()
        }
        while let last = slice.last, last == 0x20 || last == 0x09 || last == 0x0A || last == 0x0D {
            slice = slice.dropLast()
        }
        return slice
    }

    private func error(_ kind: TemplateError.Kind, at position: Int) -> TemplateError {
        let (line, column) = Self.lineAndColumn(of: position, in: source)
        return TemplateError(kind, template: name, line: line, column: column)
    }

    /// 1-based line and column (in characters) of a UTF-8 offset.
    static func lineAndColumn(of position: Int, in source: [UInt8]) -> (line: Int, column: Int) {
        let end = min(position, source.count)
        var line = 1
        var start = 0
        for index in 0..<end where source[index] == 0x0A {
            line += 1
            start = index + 1
        }
        let column = String(decoding: source[start..<end], as: UTF8.self).count + 1
        return (line, column)
    }
}
