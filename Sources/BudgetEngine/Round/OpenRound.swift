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
        if !error.detail.isEmpty {
            details.append(Localized(vi: "chi tiết: \(error.detail)", en: "detail: \(error.detail)"))
        }
        return EngineError(.environment, error.message, details: details)
    }
}

extension Round {
    /// Runs `body` in one read snapshot of the store, so that everything it reads is
    /// consistent even while other processes submit; any failure becomes an engine error
    /// (the store's own, an engine error as is, a writer's as an output failure).
    func snapshot<T>(_ body: () throws -> T) throws(EngineError) -> T {
        var failure: (any Error)? = nil
        var result: T? = nil
        do {
            try store.reading { () throws(StoreError) in
                do {
                    result = try body()
                } catch let error as StoreError {
                    throw error
                } catch {
                    failure = error
                    throw StoreError(kind: .io, message: Localized(vi: "", en: ""), detail: "")
                }
            }
        } catch {
            if let failure { throw EngineErrors.from(failure) }
            throw StoreErrors.engineError(error)
        }
        guard let result else { throw EngineErrors.from(failure ?? CancellationError()) }
        return result
    }
}

/// Any error as an engine error: engine errors as they are, store errors by their kind,
/// anything else (a writer's I/O failure) as an environment failure naming it.
enum EngineErrors {
    static func from(_ error: any Error) -> EngineError {
        switch error {
        case let e as EngineError: return e
        case let e as StoreError: return StoreErrors.engineError(e)
        default:
            return EngineError(
                .environment,
                Localized(vi: "không ghi được kết quả: \(error)", en: "cannot write the output: \(error)"))
        }
    }
}
