/// How a table is laid out on paper: neutral knobs that the XLSX writer turns into page
/// setup and the HTML writer into print styles. CSV, JSON and Markdown ignore it.
///
/// The default is a bare table: no title block, the orientation chosen from the width,
/// every column across one page width.
public struct PrintLayout: Sendable, Hashable {
    /// The page's orientation.
    public enum Orientation: Sendable, Hashable {
        case portrait, landscape
    }

    /// Lines printed above the table: the first as its title (bold), the others under it
    /// (what it covers, when it was made). In XLSX they take the first rows, then a blank
    /// row, then the header; empty puts the header in row 1.
    public var titleLines: [String]
    /// The page's orientation; `nil` chooses landscape for a table of more than
    /// ``portraitColumns`` columns (or printed in blocks), portrait otherwise.
    public var orientation: Orientation?
    /// How many leading columns name a row (a code and a name): they stay in view while
    /// scrolling sideways (XLSX), and are repeated at the left of every column block and
    /// every printed page.
    public var keyColumns: Int
    /// At most this many of the other columns in one printed block. A table with more
    /// prints in blocks of about equal width, one after the other, each repeating the key
    /// columns; `nil` fits every column across one page width.
    public var columnsPerBlock: Int?
    /// Smaller type for a long table with many columns (HTML), so that a row takes one
    /// or two lines rather than a word per line.
    public var compact: Bool

    /// The most columns a portrait page takes when ``orientation`` is left to the writer.
    public static let portraitColumns = 6

    public init(
        titleLines: [String] = [], orientation: Orientation? = nil, keyColumns: Int = 0, columnsPerBlock: Int? = nil,
        compact: Bool = false
    ) {
        self.titleLines = titleLines
        self.orientation = orientation
        self.keyColumns = max(0, keyColumns)
        self.columnsPerBlock = columnsPerBlock.map { max(1, $0) }
        self.compact = compact
    }

    /// The columns of each printed block, as ranges of column indices after the key
    /// columns: one range when the table fits, else about equal blocks (sizes differ by at
    /// most one, the larger first) of at most ``columnsPerBlock`` columns.
    public func blocks(columnCount: Int) -> [Range<Int>] {
        let keys = min(keyColumns, columnCount)
        let others = columnCount - keys
        guard let limit = columnsPerBlock, others > limit else { return [keys..<columnCount] }
        let count = (others + limit - 1) / limit
        let base = others / count
        let larger = others % count
        var ranges: [Range<Int>] = []
        var start = keys
        for index in 0..<count {
            let size = base + (index < larger ? 1 : 0)
            ranges.append(start..<start + size)
            start += size
        }
        return ranges
    }

    /// The orientation to use for a table of `columnCount` columns.
    public func resolvedOrientation(columnCount: Int) -> Orientation {
        if let orientation { return orientation }
        if blocks(columnCount: columnCount).count > 1 { return .landscape }
        return columnCount > Self.portraitColumns ? .landscape : .portrait
    }
}
