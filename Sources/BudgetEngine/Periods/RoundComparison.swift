import BudgetCore
import BudgetRules

/// One figure in two rounds and how it moved: what `export --compare` shows per agency,
/// per item and in total.
public struct AmountChange: Sendable, Equatable {
    /// The figure in this round (`--round`); zero when nothing counts.
    public var amount: Money
    /// The figure in the other round (`--compare`); zero when nothing counts.
    public var otherAmount: Money
    /// `amount − otherAmount`, in đồng: positive when this round asks more.
    public var change: Int64
    /// The change as a share of the other round's figure, in tenths of a percent
    /// (``PercentChange/tenths(change:base:)``); `nil` when the other figure is zero.
    public var percentTenths: Int64?

    /// The change from `otherAmount` to `amount`.
    ///
    /// - Throws: ``ComparisonOverflow`` if the difference does not fit `Int64` — which two
    ///   non-negative totals never cause, but a store edited behind the triggers might.
    init(_ amount: Money, from otherAmount: Money) throws(ComparisonOverflow) {
        let (change, overflow) = amount.dong.subtractingReportingOverflow(otherAmount.dong)
        guard !overflow else { throw ComparisonOverflow() }
        self.amount = amount
        self.otherAmount = otherAmount
        self.change = change
        self.percentTenths = PercentChange.tenths(change: change, base: otherAmount.dong)
    }
}

/// A difference of two totals that does not fit a signed 64-bit integer of đồng.
struct ComparisonOverflow: Error {}

/// One agency in two rounds of the same plan.
public struct AgencyComparison: Sendable {
    /// The agency as this round's plan names it (the other's, if only that plan has it).
    public var agency: Party
    /// Its state in this round; `nil` when this round's plan does not list it.
    public var state: AgencyState?
    /// Its state in the other round; `nil` when the other round's plan does not list it.
    public var otherState: AgencyState?
    public var change: AmountChange
}

/// One plan item in two rounds of the same plan.
public struct ItemComparison: Sendable {
    /// The item as this round's plan has it (the other's, if only that plan has it).
    public var item: PlanItem
    /// Whether each round's plan lists the item.
    public var inThis: Bool
    public var inOther: Bool
    public var change: AmountChange
}

/// Two rounds of one plan side by side: `export --compare OTHER-ROUND`.
///
/// Rows follow this round's plan, then whatever only the other round's plan lists, in its
/// order; agencies and items are matched by code, as submissions are. An agency with
/// nothing counted in a round is zero there, so every column adds up: the change of the
/// grand total is the sum of the agencies' changes, and of the items'.
public struct RoundComparison: Sendable {
    /// This round (`--round`).
    public var this: Consolidation
    /// The round compared with (`--compare`).
    public var other: Consolidation
    /// Whether both rounds hold the same plan bytes. Periods of a recurring plan may be
    /// opened from different versions of the plan file (an item added in March); the
    /// comparison then says so on its title block.
    public var samePlan: Bool
    public var agencies: [AgencyComparison]
    public var items: [ItemComparison]
    public var total: AmountChange
}

extension RoundComparison {
    /// Compares two consolidations of the same plan: a pure function.
    ///
    /// - Throws: an environment error if a difference overflows (only a store edited
    ///   behind the tool's back can hold totals that cause it).
    static func make(
        _ this: Consolidation, with other: Consolidation, samePlan: Bool
    ) throws(EngineError)
        -> RoundComparison
    {
        do {
            return try build(this, other, samePlan: samePlan)
        } catch {
            throw Consolidate.overflow()
        }
    }

    static func build(
        _ this: Consolidation, _ other: Consolidation, samePlan: Bool
    ) throws(ComparisonOverflow)
        -> RoundComparison
    {
        let otherAgencies = Dictionary(
            other.agencies.map { (Plan.codeKey($0.agency.code), $0) }, uniquingKeysWith: { first, _ in first })
        var agencies: [AgencyComparison] = []
        for a in this.agencies {
            let o = otherAgencies[Plan.codeKey(a.agency.code)]
            agencies.append(
                AgencyComparison(
                    agency: a.agency, state: a.state, otherState: o?.state,
                    change: try AmountChange(a.total ?? .zero, from: o?.total ?? .zero)))
        }
        for o in other.agencies where this.plan.agency(matching: o.agency.code) == nil {
            agencies.append(
                AgencyComparison(
                    agency: o.agency, state: nil, otherState: o.state,
                    change: try AmountChange(.zero, from: o.total ?? .zero)))
        }
        let otherItems = Dictionary(
            other.items.map { (Plan.codeKey($0.item.code), $0) }, uniquingKeysWith: { first, _ in first })
        var items: [ItemComparison] = []
        for i in this.items {
            let o = otherItems[Plan.codeKey(i.item.code)]
            items.append(
                ItemComparison(
                    item: i.item, inThis: true, inOther: o != nil,
                    change: try AmountChange(i.total, from: o?.total ?? .zero)))
        }
        for o in other.items where this.plan.item(matching: o.item.code) == nil {
            items.append(
                ItemComparison(
                    item: o.item, inThis: false, inOther: true, change: try AmountChange(.zero, from: o.total)))
        }
        return RoundComparison(
            this: this, other: other, samePlan: samePlan, agencies: agencies, items: items,
            total: try AmountChange(this.grandTotal, from: other.grandTotal))
    }
}
