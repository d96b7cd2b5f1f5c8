import Foundation

/// What /proc says about processes: which groups still have a live member.
package enum ProcessTable {
    /// The groups among `groups` that still have a member that is not a zombie (a zombie writes nothing
    /// and holds nothing; whoever inherited it reaps it).
    package static func liveGroups(among groups: Set<Int32>) -> Set<Int32> {
        guard !groups.isEmpty, let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [] }
        var live = Set<Int32>()
        for entry in entries where entry.first?.isNumber == true {
            guard let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                  let (state, pgrp) = parseStat(stat), state != "Z", state != "X", groups.contains(pgrp)
            else { continue }
            live.insert(pgrp)
        }
        return live
    }

    /// State and process group from `/proc/PID/stat`: "pid (comm) S ppid pgrp ...", where comm may hold
    /// spaces and parentheses, so the fields are counted from the last ')'.
    static func parseStat(_ stat: String) -> (state: Character, pgrp: Int32)? {
        guard let close = stat.lastIndex(of: ")") else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 2, let state = fields[0].first, let pgrp = Int32(fields[2]) else { return nil }
        return (state, pgrp)
    }

    /// Polls until none of `groups` has a live member, or the limit passes; true when they are all gone.
    @discardableResult
    package static func waitUntilGone(_ groups: Set<Int32>, upTo limit: Duration) -> Bool {
        let deadline = ContinuousClock.now + limit
        while !liveGroups(among: groups).isEmpty {
            if ContinuousClock.now >= deadline { return false }
            usleep(10_000)
        }
        return true
    }
}
