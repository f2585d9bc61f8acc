/// "Did you mean …?": the nearest candidate by edit distance.
public enum Suggest {
    /// The candidate nearest to `text` (case-insensitive edit distance, see ``distance(_:_:)``), if it is
    /// close enough to be a plausible typo: at most a third of the longer string, and at
    /// most 3 edits.
    ///
    /// Complexity: O(n · m · k) for k candidates of length m and text of length n.
    public static func nearest(_ text: String, in candidates: [String]) -> String? {
        let a = Array(text.uppercased().unicodeScalars)
        var best: (String, Int)? = nil
        for candidate in candidates {
            let b = Array(candidate.uppercased().unicodeScalars)
            let d = distance(a, b)
            let allowed = min(3, max(1, max(a.count, b.count) / 3))
            guard d <= allowed, d > 0 || a != b else { continue }
            if let current = best, current.1 <= d { continue }
            best = (candidate, d)
        }
        return best?.0
    }

    /// Edit distance between two scalar arrays, counting an insertion, a deletion, a
    /// substitution or a swap of two neighbours as one edit (optimal string alignment):
    /// "paln" is one edit from "plan", as a typist would judge it.
    public static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var twoBack = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var best = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    best = min(best, twoBack[j - 2] + 1)
                }
                current[j] = best
            }
            (twoBack, previous, current) = (previous, current, twoBack)
        }
        return previous[b.count]
    }
}
