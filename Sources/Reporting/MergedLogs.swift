import Foundation
import Model

/// Brings each shard's per-cell logs beside the merged report: a log is relative to its report's directory,
/// so `SHARD/logs/ID.log` is copied to `OUT/logs/ID.log` (a hard link when both are on one file system).
package enum MergedLogs {
    /// The cells with `log` set where the log was brought over, nil where the shard's log was not there.
    package static func bring(_ cells: [CellRecord], from reportDirectory: [String: String], into outDir: String) -> [CellRecord] {
        let fm = FileManager.default
        return cells.map { cell in
            var cell = cell
            guard let log = cell.log, let dir = reportDirectory[cell.id], !log.hasPrefix("/"), !log.contains("..") else {
                cell.log = nil
                return cell
            }
            let source = dir + "/" + log, target = outDir + "/" + log
            guard fm.fileExists(atPath: source) else {
                cell.log = nil
                return cell
            }
            if URL(fileURLWithPath: source).standardizedFileURL.path == URL(fileURLWithPath: target).standardizedFileURL.path {
                return cell
            }
            do {
                try fm.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try? fm.removeItem(atPath: target)
                do { try fm.linkItem(atPath: source, toPath: target) } catch { try fm.copyItem(atPath: source, toPath: target) }
            } catch {
                cell.log = nil
            }
            return cell
        }
    }
}
