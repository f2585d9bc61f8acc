@testable import BudgetFormats

/// The cells of a worksheet's XML by A1 reference, each as its `<c …>…</c>` markup with
/// any `r` attribute taken out, so tests can assert on a cell's content and type whether
/// or not the writer wrote its reference.
///
/// Resolves references as ECMA-376 §18.3.1.4 says a reader must: a `<c>` without `r` takes
/// the column after the previous cell of its row (column A for the first), a `<row>`
/// without `r` the row after the previous one. Assumes the writer's own markup (no
/// comments, no self-closing `<c/>`, no `</c>` inside text, which is escaped).
enum SheetCells {
    static func parse(_ xml: String) -> [String: String] {
        var cells: [String: String] = [:]
        var rest = Substring(xml)
        var row = 0
        var column = 0
        while let open = rest.range(of: "<row") {
            rest = rest[open.upperBound...]
            guard let tagEnd = rest.firstIndex(of: ">") else { break }
            let rowTag = rest[..<tagEnd]
            row = attribute("r", in: rowTag).flatMap { Int($0) } ?? row + 1
            column = 0
            guard let close = rest.range(of: "</row>") else { break }
            var body = rest[rest.index(after: tagEnd)..<close.lowerBound]
            while let cellStart = body.range(of: "<c") {
                body = body[cellStart.lowerBound...]
                guard let tagClose = body.firstIndex(of: ">") else { break }
                let selfClosing = body[body.index(before: tagClose)] == "/"
                guard let end = selfClosing ? body.index(after: tagClose) : body.range(of: "</c>")?.upperBound
                else { break }
                var markup = String(body[..<end])
                let startTag = markup.prefix { $0 != ">" }
                if let reference = attribute("r", in: startTag) {
                    column = index(ofLetters: reference.prefix { $0.isLetter })
                    markup = markup.replacingOccurrences(of: " r=\"\(reference)\"", with: "")
                } else {
                    column += 1
                }
                cells[CellReference.columnLetters(column - 1) + String(row)] = markup
                body = body[end...]
            }
            rest = rest[close.upperBound...]
        }
        return cells
    }

    /// The value of `name="…"` in a start tag, if present.
    private static func attribute(_ name: String, in tag: Substring) -> String? {
        guard let start = tag.range(of: " \(name)=\"") else { return nil }
        let value = tag[start.upperBound...]
        guard let end = value.firstIndex(of: "\"") else { return nil }
        return String(value[..<end])
    }

    /// 1-based column number of letters: A → 1, AD → 30.
    private static func index(ofLetters letters: Substring) -> Int {
        letters.unicodeScalars.reduce(0) { $0 * 26 + Int($1.value) - 64 }
    }
}
