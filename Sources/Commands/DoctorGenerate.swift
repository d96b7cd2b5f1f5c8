import Execution
import Foundation
import Model

/// `doctor` for a matrix that generates programs (`[generate]`, or `doctor --generate csmith`): the
/// generator, its headers, and what `toolgate reduce` needs (C-Vise, and the host compilers of its UB guards).
enum DoctorGenerate {
    static func checks(dir: String) async -> [DoctorChecks.Finding] {
        var out: [DoctorChecks.Finding] = []
        out.append(await DoctorChecks.commandFinding("csmith", what: "the random program generator", dir: dir))
        let header = ProgramGenerator.includeDir + "/csmith.h"
        out.append(FileManager.default.fileExists(atPath: header)
            ? DoctorChecks.Finding(text: "ok       \(header)", isProblem: false)
            : DoctorChecks.Finding(text: "missing  \(header): generated programs include it (apt-get install libcsmith-dev)", isProblem: true))
        out.append(await DoctorChecks.commandFinding("cvise", what: "toolgate reduce", dir: dir))
        for cc in ["gcc", "clang-19"] {
            out.append(await DoctorChecks.commandFinding(cc, what: "toolgate reduce's sanitizer and warning checks", dir: dir))
        }
        return out
    }
}
