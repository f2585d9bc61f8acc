/// The workbook's shared strings (`xl/sharedStrings.xml`): text written once, which cells
/// of the columns marked ``TableColumn/repeats`` refer to by number.
///
/// Why: the package's "Chi tiết" sheet of a million lines carried each line's agency code,
/// item code, unit, file name and the file's SHA-256 as inline text — about 180 of its 620
/// bytes a row, all of it deflated and hashed. Those values repeat down the column (a
/// thousand files, sixty items), so a reference (`<c t="s"><v>12</v></c>`) replaces them.
/// Text that does not repeat stays inline, where it costs no memory.
///
/// Memory stays bounded whatever the sheet: once the table holds ``maxStrings`` strings
/// (100 000) or ``maxBytes`` bytes (8 MiB), a new value is written inline instead (the same input always gives
/// the same workbook). A class, shared by the writer and its sheets' encoders.
final class SharedStrings {
    /// At most this many strings are shared …
    let maxStrings: Int
    /// … taking at most this many bytes of text.
    let maxBytes: Int

    init(maxStrings: Int = 100_000, maxBytes: Int = 8 << 20) {
        self.maxStrings = maxStrings
        self.maxBytes = maxBytes
    }

    /// The strings, by their number.
    private(set) var strings: [String] = []
    private var numbers: [String: Int] = [:]
    private var bytes = 0
    /// How many cells refer to a shared string (the `count` of the part).
    private(set) var references = 0

    var isEmpty: Bool { strings.isEmpty }

    /// The number of `text`, added if there is room; `nil` when the table is full and
    /// does not hold it (the cell is then written inline). Counts a reference.
    func number(of text: String) -> Int? {
        if let number = numbers[text] {
            references += 1
            return number
        }
        let size = text.utf8.count
        guard strings.count < maxStrings, bytes + size <= maxBytes,
            size <= XLSXOptions.excelMaxCellText
        else { return nil }
        let number = strings.count
        strings.append(text)
        numbers[text] = number
        bytes += size
        references += 1
        return number
    }

    /// Counts one more reference to a number already given (a cell equal to the one above).
    func reuse() { references += 1 }

    /// The part's XML.
    func xml() -> [UInt8] {
        var out = Array(XLSXParts.declaration.utf8)
        out.append(
            contentsOf:
                "<sst xmlns=\"\(XLSXParts.mainNamespace)\" count=\"\(references)\" uniqueCount=\"\(strings.count)\">"
                .utf8)
        for text in strings {
            out.append(
                contentsOf: (WorksheetEncoder.needsPreserve(text) ? "<si><t xml:space=\"preserve\">" : "<si><t>").utf8)
            XMLText.appendCellText(text, to: &out)
            out.append(contentsOf: "</t></si>".utf8)
        }
        out.append(contentsOf: "</sst>".utf8)
        return out
    }
}
