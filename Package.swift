// swift-tools-version:6.0
import PackageDescription

// Layering (docs/architecture.md): the C libraries are imported by the interop targets alone: ELFInspection
// (libelf, libdw, libzstd), ContentHash (libxxhash, libcrypto) and the process launcher (CLaunch, called by
// Execution's Launcher.swift alone); Model sits on ELFInspection and ContentHash;
// Execution and Reporting on Model; Commands on all of them; `toolgate` is only the entry point;
// `toolgate-fuzz` (Fuzz) uses the readers it fuzzes and nothing of Commands.
let package = Package(
    name: "toolgate",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "toolgate", targets: ["toolgate"]),
        .executable(name: "toolgate-fuzz", targets: ["Fuzz"]),
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
        .target(
            name: "ELFInspection",
            dependencies: ["CLibElf", "CLibDW", "CZstd"]),
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
            dependencies: ["ELFInspection", "ContentHash"]),
        // The process launcher: one C function that makes every child (signals, limits, group, descriptors).
        .target(
            name: "CLaunch"),
        .target(
            name: "Execution",
            dependencies: ["Model", "CLaunch"]),
        .target(
            name: "Reporting",
            dependencies: ["Model"]),
        .target(
            name: "Commands",
            dependencies: [
                "ELFInspection", "Model", "Execution", "Reporting",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .executableTarget(
            name: "toolgate",
            dependencies: ["Commands"]),
        // The fuzz targets (elf, matrix, report; docs/fuzzing.md). Built normally it replays inputs given as
        // arguments; `make fuzz` builds it with -sanitize=fuzzer -DFUZZING, where libFuzzer's driver runs.
        .executableTarget(
            name: "Fuzz",
            dependencies: ["ELFInspection", "Model", "Reporting"]),
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
            dependencies: ["Model", "ELFInspection"]),
        .testTarget(
            name: "ExecutionTests",
            dependencies: ["Execution", "Model"]),
        // Real compilers and qemu-user: every target, every link mode, and the failure paths with fake compilers.
        .testTarget(
            name: "RunnerEndToEndTests",
            dependencies: ["Execution", "Model", "Reporting", "ELFInspection"]),
        .testTarget(
            name: "CommandsTests",
            dependencies: ["Commands", "ELFInspection", "Model", "Reporting"]),
        // Crafted report pairs: every kind of change, the known-failures file, malformed reports, the writers.
        .testTarget(
            name: "ComparisonTests",
            dependencies: ["Model", "Reporting", "ELFInspection"],
            exclude: ["Golden"]),
    ],
    swiftLanguageModes: [.v6]
)

// Every test target gets the shared helpers of Tests/TestSupport (a new test target too, with no edit here).
for target in package.targets where target.type == .test {
    target.dependencies.append("TestSupport")
}
