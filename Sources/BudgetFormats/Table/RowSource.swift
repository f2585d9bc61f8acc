/// Where a writer gets a table's rows from, one at a time.
///
/// Rows are pulled, never collected: the engine may stream a million rows from SQLite
/// and the writers hold one row at a time. Unlike `Sequence`, a source may throw (a
/// database read that fails mid-way); the writer passes the error through unchanged.
public protocol RowSource {
    /// The next row, or `nil` after the last one.
    mutating func nextRow() throws -> [Cell]?
}

/// Rows from any sequence of rows: an array, a lazy `map`, a generator.
public struct SequenceRows<Base: Sequence<[Cell]>>: RowSource {
    private var iterator: Base.Iterator

    public init(_ base: Base) { iterator = base.makeIterator() }

    public mutating func nextRow() throws -> [Cell]? { iterator.next() }
}

/// Rows from a closure that returns the next row, or `nil` at the end, and may throw.
public struct ClosureRows: RowSource {
    private let next: () throws -> [Cell]?

    public init(_ next: @escaping () throws -> [Cell]?) { self.next = next }

    public mutating func nextRow() throws -> [Cell]? { try next() }
}
