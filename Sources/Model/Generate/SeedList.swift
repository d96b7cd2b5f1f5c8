/// `--seeds` and `[generate] seeds`: a range `1-200`, a list `1,5,9`, or a mix `1-10,42`.
package enum SeedList {
    package struct Failure: Error, Equatable, CustomStringConvertible {
        package var message: String
        package var description: String { message }
    }

    /// The most seeds one run may generate: a typo such as `1-2000000` should not start a week-long run.
    package static let maximumCount = 100_000

    /// The seeds in the order written, each once.
    package static func parse(_ text: String) throws(Failure) -> [UInt64] {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw Failure(message: "no seeds given; expected a range such as '1-200', a list such as '1,5,9', or both")
        }
        var seeds: [UInt64] = []
        var seen = Set<UInt64>()
        for part in parts {
            guard !part.isEmpty else { throw Failure(message: "empty entry in the seed list '\(text)'") }
            let bounds = part.split(separator: "-", omittingEmptySubsequences: false)
            let low: UInt64, high: UInt64
            switch bounds.count {
            case 1:
                low = try number(bounds[0], in: part)
                high = low
            case 2:
                low = try number(bounds[0], in: part)
                high = try number(bounds[1], in: part)
                guard low <= high else { throw Failure(message: "the seed range '\(part)' runs backwards; write '\(high)-\(low)'") }
            default:
                throw Failure(message: "'\(part)' is not a seed or a range of seeds such as '1-200'")
            }
            guard high - low < UInt64(maximumCount), seeds.count + Int(high - low) < maximumCount else {
                throw Failure(message: "the seed list '\(text)' names more than \(maximumCount) seeds")
            }
            for s in low...high where seen.insert(s).inserted { seeds.append(s) }
        }
        return seeds
    }

    private static func number(_ text: Substring, in part: String) throws(Failure) -> UInt64 {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard !t.isEmpty, t.allSatisfy(\.isASCII), t.allSatisfy(\.isNumber), let n = UInt64(t), n <= UInt64(UInt32.max) else {
            throw Failure(message: "'\(part)' is not a seed or a range of seeds: a seed is a whole number from 0 to \(UInt32.max)")
        }
        return n
    }
}
