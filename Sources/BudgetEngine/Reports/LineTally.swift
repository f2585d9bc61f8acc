import BudgetCore

/// The third way of summing: the lines as they stream, per receipt and in all.
struct LineTally {
    let expected: [Int64: Money]
    let grand: Money
    var sums: [Int64: Money] = [:]
    var total: Money? = .zero

    init(expected c: Consolidation) {
        var map: [Int64: Money] = [:]
        for r in c.counted { map[r.id] = r.total ?? .zero }
        expected = map
        grand = c.grandTotal
    }

    mutating func add(_ receipt: Int64, _ amount: Money?) {
        let a = amount ?? .zero
        sums[receipt] = (sums[receipt] ?? .zero).adding(a) ?? Money(dong: .min)
        total = total?.adding(a)
    }

    func verify() throws(EngineError) {
        for (id, sum) in expected where (sums[id] ?? .zero) != sum {
            throw Consolidate.inconsistent("receipt \(id): its lines sum to \(sums[id] ?? .zero), its total is \(sum)")
        }
        guard total == grand else {
            throw Consolidate.inconsistent(
                "the lines sum to \(total.map(\.description) ?? "overflow"), the agencies to \(grand)")
        }
    }
}
