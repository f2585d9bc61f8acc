import Testing

@testable import BudgetCore

@Suite("Index of item codes")
struct CodeIndexTests {
    @Test("finds every key at its position, refuses a repeated key by naming the first, and grows")
    func insertAndFind() {
        var index = CodeIndex(capacity: 0)
        let keys = (0..<5000).map { "K\($0 * 7919 % 100_003)" }
        for (n, key) in keys.enumerated() { #expect(index.insert(key) == nil, "\(n)") }
        #expect(index.insert(keys[1234]) == 1234)
        #expect(index.keys.count == keys.count)
        for (n, key) in keys.enumerated() where index.position(of: key) != n { Issue.record("\(key) not at \(n)") }
        #expect(index.position(of: "K-1") == nil)
        #expect(index.position(of: "") == nil)
    }

    @Test("appending a repeated key makes the later position the one found, as a dictionary filled in order")
    func laterWins() {
        var index = CodeIndex(capacity: 2)
        for key in ["A", "B", "A", "C", "A"] { index.append(replacing: key) }
        #expect(index.position(of: "A") == 4)
        #expect(index.position(of: "B") == 1)
        #expect(index.position(of: "C") == 3)
        let plan = Plan(
            id: "p", title: "T", reference: nil, issuer: "I", place: nil, consolidator: Party(code: "C", name: "C"),
            recipient: Party(code: "R", name: "R"), currency: "VND", timeZone: .current,
            deadline: Deadline("2020-03-10", zone: .current)!, agencies: [Party(code: "A", name: "A")],
            items: [PlanItem(code: "x.1", title: "first"), PlanItem(code: "X.1", title: "second")])
        #expect(plan.item(matching: " x.1 ")?.title == "second")
        #expect(plan.itemIndex(matching: "X.1") == 1)
        #expect(plan.item(matching: "x.2") == nil)
    }
}
