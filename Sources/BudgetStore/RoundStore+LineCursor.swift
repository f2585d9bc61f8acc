import BudgetCore
import CSQLite

/// Lines of counted receipts, pulled one at a time.
///
/// Writers pull rows (a sheet asks for its next row), so the package streams a million
/// lines from the store into CSV and XLSX in constant memory. For one consistent view of
/// several reads, use the cursor inside ``RoundStore/reading(_:)``.
public final class LineCursor {
    private let statement: Statement
    private let receiptIDs: [Int64]
    private let databasePath: String
    private var index = -1
    private var exhausted = false

    init(statement: Statement, receiptIDs: [Int64], databasePath: String) {
        self.statement = statement
        self.receiptIDs = receiptIDs
        self.databasePath = databasePath
    }

    /// The next line and its receipt: receipts in the order given, lines in file order;
    /// `nil` at the end.
    public func next() throws(StoreError) -> (receiptID: Int64, line: EstimateLine)? {
        while !exhausted {
            if index >= 0, try statement.step() {
                return (receiptIDs[index], try decodeLine(receiptIDs[index]))
            }
            index += 1
            guard index < receiptIDs.count else {
                exhausted = true
                statement.reset()
                return nil
            }
            statement.reset()
            try statement.bind(1, receiptIDs[index])
        }
        return nil
    }

    private func decodeLine(_ receiptID: Int64) throws(StoreError) -> EstimateLine {
        var quantity: Quantity? = nil
        if let mantissa = statement.optionalInt64(5) {
            let scale = statement.int(6)
            guard (0...Quantity.maxScale).contains(scale) else {
                throw StoreError.damaged(databasePath, .read, what: "quantity scale \(scale) in receipt \(receiptID)")
            }
            quantity = Quantity(mantissa: mantissa, scale: scale)
        }
        return EstimateLine(
            line: statement.int(0), number: statement.text(1), itemCode: statement.text(2),
            description: statement.text(3), unit: statement.text(4), quantity: quantity,
            unitPrice: statement.optionalInt64(7).map(Money.init(dong:)),
            amount: statement.optionalInt64(8).map(Money.init(dong:)), note: statement.text(9))
    }
}

extension RoundStore {
    /// Whether receipt `id` has its lines stored as rows (a round recorded before lines
    /// were read from the bytes, or ``record(_:)``); otherwise they are read from its bytes.
    public func hasStoredLines(receiptID id: Int64) throws(StoreError) -> Bool {
        let statement = try connection.prepare("SELECT EXISTS (SELECT 1 FROM lines WHERE receipt_id = ?1)", .read)
        try statement.bind(1, id)
        return try statement.step() && statement.int64(0) == 1
    }

    /// The bytes of receipt `id` as recorded, read a chunk at a time.
    public func storedBytes(receiptID id: Int64) throws(StoreError) -> BlobByteSource {
        try BlobByteSource(connection: connection, receiptID: id, operation: .read)
    }

    /// A cursor over the lines of `receiptIDs` (see ``LineCursor``).
    public func lineCursor(receiptIDs: [Int64]) throws(StoreError) -> LineCursor {
        let statement = try connection.prepare(
            """
            SELECT line, number, item_code, description, unit, quantity_mantissa,
                quantity_scale, unit_price, amount, note
            FROM lines WHERE receipt_id = ?1 ORDER BY ordinal
            """, .read)
        return LineCursor(statement: statement, receiptIDs: receiptIDs, databasePath: databasePath)
    }
}
