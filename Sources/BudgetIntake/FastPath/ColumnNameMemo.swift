import BudgetCore
import Foundation

/// The header cells already parsed (``ColumnNames/parse(_:)``), shared by the threads that
/// read files at once. Parsing is a pure function of the cell's text, so a remembered
/// answer is the answer. At most ``capacity`` cells are kept (a file of odd titles cannot
/// grow it without bound): when full, it starts over.
final class ColumnNameMemo: @unchecked Sendable {
    // `@unchecked`: `parsedCells` is only touched under `lock`.
    static let shared = ColumnNameMemo()
    static let capacity = 1024

    typealias Parsed = (field: ColumnField?, unit: MoneyUnit?, unitText: String?)
    private let lock = NSLock()
    private var parsedCells: [String: Parsed] = [:]

    func parsed(_ cell: String) -> Parsed? {
        lock.withLock { parsedCells[cell] }
    }

    func remember(_ cell: String, _ parsed: Parsed) {
        lock.withLock {
            if parsedCells.count >= Self.capacity { parsedCells.removeAll(keepingCapacity: true) }
            parsedCells[cell] = parsed
        }
    }
}
