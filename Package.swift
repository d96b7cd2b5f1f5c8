// swift-tools-version:6.0
import PackageDescription

// Layering (docs/architecture.md): the C libraries are imported by the interop targets alone: ELFInspection
// (libelf, libdw, libzstd), ContentHash (libxxhash, libcrypto) and the process launcher (CLaunch, called by
// Execution's Launcher.swift alone); ELFFacts holds the value types ELFInspection reads into and imports no C
// module; Model sits on ELFFacts and ContentHash (not on the ELF reader: Model, Reporting and their tests
// link no libelf, libdw or libzstd);
// Execution and Reporting on Model; Frontend (a run session, its live report, interrupts) on those;
// Commands on all of them; `toolgate` is only the entry point;
// `toolgate-fuzz` (Fuzz) uses the readers it fuzzes and nothing of Commands; `toolgate-fuzz-text` (FuzzText)
// fuzzes the matrix and report readers without the ELF reader, so it links no libelf, libdw or libzstd.
let package = Package(
    name: "toolgate",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "toolgate", targets: ["toolgate"]),
        .executable(name: "toolgate-fuzz", targets: ["Fuzz"]),
        .executable(name: "toolgate-fuzz-text", targets: ["FuzzText"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibElf", pkgConfig: "libelf",
            providers: [.apt(["libelf-dev"])]),
        .systemLibrary(
            name: "CLibDW", pkgConfig: "libdw",
            providers: [.apt(["libdw-dev"])]),
        .systemLibrary(
            name: "CZstd", pkgConfig: "libzstd",
            providers: [.apt(["libzstd-dev"])]),
        // The ELF reader's answers as plain values (facts, hardening verdicts, resolutions): no C module.
        .target(
            name: "ELFFacts"),
        .target(
            name: "ELFInspection",
            dependencies: ["ELFFacts", "CLibElf", "CLibDW", "CZstd"]),
        .systemLibrary(
            name: "CXXHash", pkgConfig: "libxxhash",
            providers: [.apt(["libxxhash-dev"])]),
        .systemLibrary(
            name: "CLibCrypto", pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]),
        // The hashes' interop target (like ELFInspection's Interop/): XXH3-128 for the build cache's keys and
        // file contents, SHA-256 for the matrix hash; the C calls and their pointers stay in it.
        .target(
            name: "ContentHash",
            dependencies: ["CXXHash", "CLibCrypto"]),
        .target(
            name: "Model",
            dependencies: ["ELFFacts", "ContentHash"]),
        // The process launcher: one C function that makes every child (signals, limits, group, descriptors).
        .target(
            name: "CLaunch"),
        .target(
            name: "Execution",
            dependencies: ["Model", "CLaunch", "ELFInspection"]),
        .target(
            name: "Reporting",
            dependencies: ["Model", "ELFFacts"]),
        // The run frontend: a session from matrix to report files, its live report, interrupts, the baseline update.
        .target(
            name: "Frontend",
            dependencies: ["ELFInspection", "Model", "Execution", "Reporting"]),
        .target(
            name: "Commands",
            dependencies: [
                "ELFInspection", "Model", "Execution", "Reporting", "Frontend",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .executableTarget(
            name: "toolgate",
            dependencies: ["Commands", "Frontend"]),
        // The fuzz targets (elf, matrix, report; docs/fuzzing.md). Built normally the executables replay inputs
        // given as arguments; `make fuzz` builds them with -sanitize=fuzzer -DFUZZING, where libFuzzer's driver
        // runs. FuzzCore: that driver, and the targets that need no C library (matrix, report).
        .target(
            name: "FuzzCore",
            dependencies: ["Model", "Reporting"]),
        .executableTarget(
            name: "Fuzz",
            dependencies: ["FuzzCore", "ELFInspection"]),
        // matrix and report alone: what scripts/fuzz.sh fuzzes them with.
        .executableTarget(
            name: "FuzzText",
            dependencies: ["FuzzCore"]),
        // The tests' shared helpers (temporary directories, child processes, the built toolgate, goldens):
        // for the test targets only, never for a product.
        .target(
            name: "TestSupport",
            path: "Tests/TestSupport"),
        .testTarget(
            name: "ELFInspectionTests",
            dependencies: ["ELFInspection"]),
        .testTarget(
            name: "ModelTests",
            dependencies: ["Model", "ELFFacts"]),
        .testTarget(
            name: "ExecutionTests",
            dependencies: ["Execution", "Model"]),
        // Real compilers and qemu-user: every target, every link mode, and the failure paths with fake compilers.
        .testTarget(
            name: "RunnerEndToEndTests",
            dependencies: ["Execution", "Model", "Reporting", "ELFInspection"]),
        .testTarget(
            name: "CommandsTests",
            dependencies: ["Commands", "ELFInspection", "Model", "Reporting", "Frontend"]),
        // Crafted report pairs: every kind of change, the known-failures file, malformed reports, the writers.
        .testTarget(
            name: "ComparisonTests",
            dependencies: ["Model", "Reporting", "ELFFacts"],
            exclude: ["Golden"]),
    ],
    swiftLanguageModes: [.v6]
)

// Every test target gets the shared helpers of Tests/TestSupport (a new test target too, with no edit here).
for target in package.targets where target.type == .test {
    target.dependencies.append("TestSupport")
}
