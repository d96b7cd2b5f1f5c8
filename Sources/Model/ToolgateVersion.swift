/// The version toolgate reports in `--version` and in every report's metadata.
package enum ToolgateVersion {
    package static let current = "0.1.0"
}
