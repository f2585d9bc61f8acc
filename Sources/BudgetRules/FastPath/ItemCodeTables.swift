import BudgetCore
import Foundation

/// What ``LineContext`` derives from the plan's items — their codes, for suggestions, and
/// their compact keys — made once for a plan and shared by every file checked against it.
///
/// Why: made per file, they cost about 400 000 instructions for a plan of 60 items (an
/// upper-cased string and a dictionary entry per item, twice a file), as much as reading a
/// few hundred lines; `check` of a thousand small files spent a tenth of its time there.
/// The last plan's tables are kept; a plan is recognised by its items (an array whose
/// storage is shared is recognised at once, and items compare by identity first).
///
/// Both tables are made on first use, under a lock: only a line whose item code is not in
/// the plan needs them, and `check` of a clean file against a plan of 200 000 items spent a
/// sixth of its time making a table it never read.
final class ItemCodeTables: @unchecked Sendable {
    // `@unchecked`: `made` is only touched under `lock`; `items` is immutable.
    let items: [PlanItem]
    private let lock = NSLock()
    private var made: (codes: [String], compact: [String: String])?

    private init(items: [PlanItem]) {
        self.items = items
    }

    /// The items' codes as the plan writes them, for suggestions.
    var itemCodes: [String] { tables.codes }

    /// Each compact key (``LineContext/compactKey(_:)``) that exactly one item has, with
    /// that item's code.
    var compactItemCodes: [String: String] { tables.compact }

    private var tables: (codes: [String], compact: [String: String]) {
        lock.withLock {
            if let made { return made }
            let codes = items.map(\.code)
            // Sized up front and without optional values to filter: a plan of 200 000 items
            // spent most of this in growing the table and copying it.
            var compact = [String: String](minimumCapacity: codes.count)
            var shared: [String] = []
            for code in codes {
                let key = LineContext.compactKey(code)
                if compact.updateValue(code, forKey: key) != nil { shared.append(key) }
            }
            for key in shared { compact[key] = nil }
            made = (codes, compact)
            return (codes, compact)
        }
    }

    /// The tables of `plan`'s items: the last ones made, if they were made for the same
    /// items.
    ///
    /// Complexity: O(1) for the same plan; O(items) otherwise.
    static func tables(for plan: Plan) -> ItemCodeTables {
        if let last = Memo.shared.last, last.items == plan.items { return last }
        let tables = ItemCodeTables(items: plan.items)
        Memo.shared.last = tables
        return tables
    }

    private final class Memo: @unchecked Sendable {
        // `@unchecked`: `stored` is only touched under `lock`.
        static let shared = Memo()
        private let lock = NSLock()
        private var stored: ItemCodeTables?

        var last: ItemCodeTables? {
            get { lock.withLock { stored } }
            set { lock.withLock { stored = newValue } }
        }
    }
}
