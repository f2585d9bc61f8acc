/// Reading a whole (small) XML part with a handler per token, and part names.
enum XMLPart {
    /// Scans `entry` to its end, giving each token to `body`; the part may be at most
    /// `cap` bytes uncompressed. Problems name the part.
    static func scan(
        _ archive: ZipArchive, _ entry: ZipEntry, cap: Int,
        _ body: (XMLScanner.Token, inout XMLScanner) throws(WorkbookProblem) -> Void
    ) throws(WorkbookProblem) {
        let input = XMLInput(
            try PartReader(archive, entry, cap: cap), capacity: min(XMLInput.initialCapacity, cap + 64))
        var scanner = XMLScanner(input)
        while true {
            let token = try scanner.next()
            if token == .done { return }
            try body(token, &scanner)
        }
    }

    /// The part `target` (a relationship's `Target`) names, seen from `source`: relative to
    /// the source's folder, or absolute (`/xl/…`); `.` and `..` segments resolved, `\`
    /// read as `/`. Nil if it climbs above the package root.
    static func resolve(_ target: String, from source: String) -> String? {
        let target = target.replacingBackslashes()
        var segments: [Substring] = []
        if !target.hasPrefix("/") {
            segments = source.split(separator: "/", omittingEmptySubsequences: true).dropLast()
        }
        for segment in target.split(separator: "/", omittingEmptySubsequences: true) {
            switch segment {
            case ".": continue
            case "..":
                guard !segments.isEmpty else { return nil }
                segments.removeLast()
            default: segments.append(segment)
            }
        }
        guard !segments.isEmpty else { return nil }
        return segments.joined(separator: "/")
    }

    /// The relationships part of `source` (`xl/workbook.xml` → `xl/_rels/workbook.xml.rels`).
    static func relationshipsPart(of source: String) -> String {
        var segments = source.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        let file = segments.popLast() ?? ""
        return (segments + ["_rels", file + ".rels"]).joined(separator: "/")
    }

    /// `name` with `%XX` escapes decoded, or nil if it has none (or a broken one).
    static func percentDecoded(_ name: String) -> String? {
        guard name.utf8.contains(0x25) else { return nil }
        var out: [UInt8] = []
        var bytes = name.utf8.makeIterator()
        while let byte = bytes.next() {
            guard byte == 0x25 else {
                out.append(byte)
                continue
            }
            guard let high = bytes.next().flatMap(hexValue), let low = bytes.next().flatMap(hexValue) else {
                return nil
            }
            out.append(high << 4 | low)
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: return byte - 0x30
        case 0x41...0x46: return byte - 0x41 + 10
        case 0x61...0x66: return byte - 0x61 + 10
        default: return nil
        }
    }
}

extension String {
    fileprivate func replacingBackslashes() -> String {
        guard utf8.contains(0x5C) else { return self }
        return String(decoding: utf8.map { $0 == 0x5C ? 0x2F : $0 }, as: UTF8.self)
    }
}
