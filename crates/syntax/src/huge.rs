//! Model tables in huge pages.
//!
//! The tagger's and parser's weight tables (several MB each) are read at
//! random, a few hundred lookups a token; with 4 KB pages nearly every lookup
//! also misses the TLB. [`HugeBuf`] maps a table's memory itself and asks
//! Linux to back it with 2 MB pages (`madvise(MADV_HUGEPAGE)`, honoured when
//! transparent huge pages are `always` or `madvise`) before anything touches
//! it. Elsewhere, or when the mapping fails, it is a plain vector: the hint
//! changes speed, never contents.

use std::fmt;
use std::ops::{Deref, DerefMut};

/// Types for which all-zero bytes are a valid value (fresh anonymous memory
/// is zero).
///
/// # Safety
/// Implementors must be plain data, valid when zeroed, with no drop glue.
pub(crate) unsafe trait Zeroable: Copy {}
// SAFETY: integers and floats are valid when zeroed.
unsafe impl Zeroable for u32 {}
// SAFETY: as above.
unsafe impl Zeroable for u64 {}
// SAFETY: as above.
unsafe impl Zeroable for f32 {}
// SAFETY: a pair of integers.
unsafe impl Zeroable for (u16, i16) {}

/// Below this many bytes a table stays a plain vector.
const MIN_BYTES: usize = 1 << 20;
const HUGE_PAGE: usize = 2 << 20;

/// A fixed-length, zero-initialised buffer, in huge pages where possible.
pub(crate) struct HugeBuf<T: Zeroable> {
    inner: Inner<T>,
}

enum Inner<T> {
    Vec(Vec<T>),
    #[cfg(target_os = "linux")]
    Map { base: *mut libc::c_void, map_len: usize, data: *mut T, len: usize },
}

// SAFETY: the mapping is owned exclusively by the buffer, like a Vec's heap block.
unsafe impl<T: Zeroable + Send> Send for HugeBuf<T> {}
// SAFETY: shared access only reads.
unsafe impl<T: Zeroable + Sync> Sync for HugeBuf<T> {}

impl<T: Zeroable> HugeBuf<T> {
    /// `len` zeroed elements.
    pub fn zeroed(len: usize) -> Self {
        #[cfg(target_os = "linux")]
        if let Some(b) = Self::map(len) {
            return b;
        }
        // SAFETY: `T: Zeroable`, so zeroed memory holds valid values.
        let v = (0..len).map(|_| unsafe { std::mem::zeroed::<T>() }).collect();
        HugeBuf { inner: Inner::Vec(v) }
    }

    /// A copy of `src`.
    pub fn from_slice(src: &[T]) -> Self {
        let mut b = Self::zeroed(src.len());
        b.copy_from_slice(src);
        b
    }

    #[cfg(target_os = "linux")]
    fn map(len: usize) -> Option<Self> {
        let bytes = len.checked_mul(std::mem::size_of::<T>())?;
        if bytes < MIN_BYTES || std::mem::align_of::<T>() > HUGE_PAGE {
            return None;
        }
        let rounded = bytes.checked_add(HUGE_PAGE - 1)? & !(HUGE_PAGE - 1);
        let map_len = rounded.checked_add(HUGE_PAGE)?;
        // SAFETY: an anonymous private mapping; the result is checked.
        let base = unsafe {
            libc::mmap(std::ptr::null_mut(), map_len, libc::PROT_READ | libc::PROT_WRITE, libc::MAP_PRIVATE | libc::MAP_ANONYMOUS, -1, 0)
        };
        if base == libc::MAP_FAILED {
            return None;
        }
        let offset = (HUGE_PAGE - (base as usize) % HUGE_PAGE) % HUGE_PAGE;
        // SAFETY: offset < HUGE_PAGE and rounded + HUGE_PAGE = map_len, so
        // [data, data + rounded) lies inside the mapping.
        let data = unsafe { (base as *mut u8).add(offset) };
        // SAFETY: advice on memory this buffer owns; failure only loses speed.
        unsafe {
            libc::madvise(data as *mut libc::c_void, rounded, libc::MADV_HUGEPAGE);
        }
        Some(HugeBuf { inner: Inner::Map { base, map_len, data: data as *mut T, len } })
    }
}

impl<T: Zeroable> Deref for HugeBuf<T> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        match &self.inner {
            Inner::Vec(v) => v,
            // SAFETY: `data` is aligned (2 MB), zero-initialised by the
            // kernel and holds `len` elements.
            #[cfg(target_os = "linux")]
            Inner::Map { data, len, .. } => unsafe { std::slice::from_raw_parts(*data, *len) },
        }
    }
}

impl<T: Zeroable> DerefMut for HugeBuf<T> {
    fn deref_mut(&mut self) -> &mut [T] {
        match &mut self.inner {
            Inner::Vec(v) => v,
            // SAFETY: as in `deref`, and `&mut self` is exclusive.
            #[cfg(target_os = "linux")]
            Inner::Map { data, len, .. } => unsafe { std::slice::from_raw_parts_mut(*data, *len) },
        }
    }
}

impl<T: Zeroable> Drop for HugeBuf<T> {
    fn drop(&mut self) {
        #[cfg(target_os = "linux")]
        if let Inner::Map { base, map_len, .. } = self.inner {
            // SAFETY: unmaps exactly the mapping made in `map`, once.
            unsafe {
                libc::munmap(base, map_len);
            }
        }
    }
}

impl<T: Zeroable> Clone for HugeBuf<T> {
    fn clone(&self) -> Self {
        Self::from_slice(self)
    }
}

impl<T: Zeroable> Default for HugeBuf<T> {
    fn default() -> Self {
        HugeBuf { inner: Inner::Vec(Vec::new()) }
    }
}

impl<T: Zeroable> fmt::Debug for HugeBuf<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HugeBuf(len {})", self.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zeroed_large_and_small_buffers_hold_what_is_written() {
        for len in [0usize, 10, (3 << 20) / 4 + 7] {
            let mut b = HugeBuf::<u32>::zeroed(len);
            assert_eq!(b.len(), len);
            assert!(b.iter().all(|&x| x == 0));
            for (i, x) in b.iter_mut().enumerate() {
                *x = i as u32 * 7;
            }
            let c = b.clone();
            assert_eq!(&c[..], &b[..]);
            assert!(c.iter().enumerate().all(|(i, &x)| x == i as u32 * 7));
            let v: Vec<u32> = (0..len as u32).collect();
            assert_eq!(&HugeBuf::from_slice(&v)[..], &v[..]);
        }
    }
}
