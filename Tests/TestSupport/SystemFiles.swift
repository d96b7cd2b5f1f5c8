import Foundation

/// Real files the machine ships, for every machine the tests know: the reader against readelf's view.
public enum SystemFiles {
    public static let directories = [
        "/usr/bin", "/usr/lib/x86_64-linux-gnu", "/usr/lib32", "/usr/aarch64-linux-gnu/lib",
    ]

    /// Regular files (not symlinks) starting with the ELF magic, directly in `directory`, sorted.
    public static func elfFiles(in directory: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.sorted().compactMap { name -> String? in
            let path = directory + "/" + name
            var st = stat()
            guard lstat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, st.st_size >= 64 else { return nil }
            guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
            defer { try? handle.close() }
            let magic = (try? handle.read(upToCount: 4)) ?? Data()
            return magic == Data([0x7f, 0x45, 0x4c, 0x46]) ? path : nil
        }
    }

    /// About `perDirectory` files from each directory, evenly spaced through the sorted list, so the
    /// sample is the same from run to run.
    public static func sample(perDirectory: Int = 10) -> [String] {
        directories.flatMap { dir -> [String] in
            let all = elfFiles(in: dir)
            guard all.count > perDirectory else { return all }
            let step = Double(all.count) / Double(perDirectory)
            return (0..<perDirectory).map { all[Int(Double($0) * step)] }
        }
    }
}
