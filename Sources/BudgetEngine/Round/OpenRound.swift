import BudgetCore
import BudgetStore

/// An open round: its store and the plan copied into it at `init`.
public struct Round {
    public let store: RoundStore
    public let plan: Plan
    public let directory: String
}

/// Opens the round in a directory. Every failure here is the store's (exit 4): a missing
/// or foreign database, a corrupt one, a directory without permission, or a plan that
/// no longer loads.
enum OpenRound {
    static func run(_ directory: String) throws(EngineError) -> Round {
        let store: RoundStore
        do {
            store = try RoundStore.open(directory: directory)
        } catch {
            throw StoreErrors.engineError(error)
        }
        do {
            let plan = try PlanLoader.load(store.meta.planBytes)
            return Round(store: store, plan: plan, directory: directory)
        } catch {
            var e = LoadPlan.error(error, path: RoundStore.databasePath(in: directory), kind: .environment)
            e.message = Localized(
                vi: "kế hoạch lưu trong đợt «\(directory)» không đọc được nữa:",
                en: "the plan stored in the round \"\(directory)\" no longer loads:")
            throw e
        }
    }
}

/// Store errors as engine errors: exit 4 with the store's own bilingual message.
enum StoreErrors {
    static func engineError(_ error: StoreError) -> EngineError {
        var details: [Localized] = []
        if !error.detail.isEmpty { details.append(Localized(vi: "chi tiết: \(error.detail)", en: "detail: \(error.detail)")) }
        return EngineError(.environment, error.message, details: details)
    }
}
