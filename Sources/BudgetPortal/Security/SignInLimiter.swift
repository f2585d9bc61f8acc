import Foundation

/// Limits sign-in failures per client address.
///
/// Every request that needs a code and has no valid one (a wrong, revoked or malformed code
/// at sign-in, a sign-in form without its CSRF token, an API request without a valid
/// `Authorization: Bearer`) is a failure of its address. `limit` failures within `window`
/// seconds are answered as usual (401); from then on, for `block` seconds, that address's
/// unauthenticated requests are answered 429 without looking at the code — so a guesser
/// gets at most `limit` tries a minute — while its signed-in sessions go on working and
/// every other address is untouched.
///
/// The clock is injected (seconds on a monotonic scale), so tests move time without sleeping.
/// Memory is bounded: entries whose failures and block are over are dropped, and past
/// `maxAddresses` the oldest half is forgotten (a flood of addresses then costs the
/// attacker its own history, not the server its memory).
final class SignInLimiter: @unchecked Sendable {
    let limit: Int
    let window: Double
    let block: Double
    let now: @Sendable () -> Double
    let maxAddresses: Int

    private struct Entry {
        var failures: [Double] = []
        var blockedUntil: Double = -.infinity
        var lastSeen: Double = 0
    }

    private let lock = NSLock()
    private var entries: [String: Entry] = [:]

    init(
        limit: Int = 10, window: Double = 60, block: Double = 60, maxAddresses: Int = 100_000,
        now: @escaping @Sendable () -> Double
    ) {
        self.limit = max(1, limit)
        self.window = window
        self.block = block
        self.maxAddresses = maxAddresses
        self.now = now
    }

    /// Whether `address` is blocked now, and for how many more seconds.
    func blocked(_ address: String) -> Double? {
        lock.lock()
        defer { lock.unlock() }
        guard let entry = entries[address] else { return nil }
        let t = now()
        return entry.blockedUntil > t ? entry.blockedUntil - t : nil
    }

    /// Counts a failure of `address`; returns true if the address is blocked from now on.
    @discardableResult
    func recordFailure(_ address: String) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        let t = now()
        var entry = entries[address] ?? Entry()
        entry.failures.removeAll { $0 <= t - window }
        entry.failures.append(t)
        entry.lastSeen = t
        if entry.failures.count >= limit {
            entry.blockedUntil = t + block
            entry.failures.removeAll()
        }
        entries[address] = entry
        if entries.count > maxAddresses { prune(at: t) }
        return entry.blockedUntil > t
    }

    /// Addresses remembered now (for tests).
    var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return entries.count
    }

    private func prune(at t: Double) {
        entries = entries.filter { $0.value.blockedUntil > t || $0.value.failures.contains { $0 > t - window } }
        if entries.count > maxAddresses {
            let keep = entries.sorted { $0.value.lastSeen > $1.value.lastSeen }.prefix(maxAddresses / 2)
            entries = Dictionary(uniqueKeysWithValues: keep.map { ($0.key, $0.value) })
        }
    }
}
