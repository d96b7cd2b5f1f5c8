import CLibElf

/// The loader-level verdicts (pie, static, bind_now, relro, nx_stack, textrel), each a small predicate over
/// the raw scan with the definition of docs/inspect.md as its comment.
extension RawScan {
    var hasInterpreter: Bool { segments.contains { $0.type == UInt32(PT_INTERP) } }
    var isDyn: Bool { typeCode == UInt16(ET_DYN) }
    var hasPIEFlag: Bool { dynamic.flags1 & UInt64(DF_1_PIE) != 0 }

    /// Type is dyn and (DF_1_PIE is set, or there is a PT_INTERP): a shared library is not a PIE.
    var isPIE: Bool { isDyn && (hasPIEFlag || hasInterpreter) }

    /// No PT_INTERP, and type is exec or a dyn marked DF_1_PIE: static-pie counts as static.
    var isStatic: Bool {
        !hasInterpreter && (typeCode == UInt16(ET_EXEC) || (isDyn && hasPIEFlag))
    }

    /// DT_BIND_NOW, or DF_BIND_NOW in DT_FLAGS, or DF_1_NOW in DT_FLAGS_1.
    var bindNow: Bool {
        dynamic.hasBindNow || dynamic.flags & UInt64(DF_BIND_NOW) != 0 || dynamic.flags1 & UInt64(DF_1_NOW) != 0
    }

    /// "none" without PT_GNU_RELRO, "full" with it and bind_now, else "partial".
    var relro: Relro {
        guard segments.contains(where: { $0.type == UInt32(PT_GNU_RELRO) }) else { return .none }
        return bindNow ? .full : .partial
    }

    /// A PT_GNU_STACK without PF_X; a missing PT_GNU_STACK means an executable stack to the kernel.
    var nxStack: Bool {
        guard let stack = segments.first(where: { $0.type == UInt32(PT_GNU_STACK) }) else { return false }
        return stack.flags & UInt32(PF_X) == 0
    }

    /// DT_TEXTREL, or DF_TEXTREL in DT_FLAGS.
    var textrel: Bool { dynamic.hasTextrel || dynamic.flags & UInt64(DF_TEXTREL) != 0 }

    /// The summed sizes of allocated sections by kind; from PT_LOAD segments when there are no sections.
    /// Sums saturate: a lying header cannot overflow them.
    var sizes: Sizes {
        var sizes = Sizes(file: fileSize)
        let allocated = sections.filter { $0.flags & UInt64(SHF_ALLOC) != 0 }
        if !allocated.isEmpty {
            for s in allocated {
                if s.type == UInt32(SHT_NOBITS) {
                    sizes.bss = saturatingSum(sizes.bss, s.size)
                } else if s.flags & UInt64(SHF_EXECINSTR) != 0 {
                    sizes.code = saturatingSum(sizes.code, s.size)
                } else {
                    sizes.data = saturatingSum(sizes.data, s.size)
                }
            }
        } else {
            for s in segments where s.type == UInt32(PT_LOAD) {
                if s.flags & UInt32(PF_X) != 0 { sizes.code = saturatingSum(sizes.code, s.fileSize) }
                else { sizes.data = saturatingSum(sizes.data, s.fileSize) }
                if s.memSize > s.fileSize { sizes.bss = saturatingSum(sizes.bss, s.memSize - s.fileSize) }
            }
        }
        return sizes
    }
}

private func saturatingSum(_ total: Int, _ add: UInt64) -> Int {
    let (sum, overflow) = total.addingReportingOverflow(Int(clamping: add))
    return overflow ? Int.max : sum
}
