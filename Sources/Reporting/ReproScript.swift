import Foundation
import Model

/// The script text: pure, so tests can check it without a report.
package enum ReproScript {
    package static func render(_ record: CellRecord) -> String {
        var text = "#!/bin/sh\n# toolgate repro \(record.id)\n# recorded status: \(record.status.rawValue)"
        if let reason = record.reason { text += ": " + reason.replacingOccurrences(of: "\n", with: " ") }
        text += "\nset -e\n"
        for (i, c) in record.commands.enumerated() {
            let (env, command) = c.shellWords
            let line = (env.isEmpty ? "" : "env " + env.joined(separator: " ") + " ") + ShellWords.join(command)
            text += "\n# \(c.step.rawValue)\nmkdir -p \(ShellWords.quote(c.cwd))\ncd \(ShellWords.quote(c.cwd))\n"
            if c.step == .run || i == record.commands.count - 1 {
                // The last step's status is the script's: no `set -e` surprise before it is printed.
                text += "set +e\n\(line)\nstatus=$?\necho \"toolgate repro: \(c.step.rawValue) exited $status\" >&2\nexit $status\n"
            } else {
                text += line + "\n"
            }
        }
        return text
    }
}
