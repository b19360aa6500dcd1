//! A work budget for the QR detector: every pixel it reads or writes, and every copy of the
//! image it makes, is counted, and the search stops once the budget is spent.
//!
//! rqrr tries every triple of finder-pattern candidates ("capstones") it finds and copies the
//! whole image for each: on noise, thousands of candidates made one small image take seconds.
//! rqrr offers no limit of its own, but it reads and writes pixels only through the
//! [`GenericImage`] it is given, so [`Metered`] counts there and, once the budget is spent,
//! unwinds out of rqrr (with [`resume_unwind`], which runs no panic hook) to the
//! `catch_unwind` that already guards every call into rqrr.

use std::cell::Cell;
use std::panic::resume_unwind;
use std::rc::Rc;

use image::{GenericImage, GenericImageView, GrayImage, Luma};

/// Work units charged for copying one pixel: a copy is a `memcpy`, far cheaper than a read
/// through rqrr's perspective arithmetic.
const COPY_DIVISOR: u64 = 8;

/// The work spent so far on one photo, shared by every run of rqrr on it and every copy of
/// the image it makes; each run adds its own allowance to the limit with [`Meter::grant`].
#[derive(Debug)]
pub(super) struct Meter {
    spent: Cell<u64>,
    limit: Cell<u64>,
}

/// What [`Metered`] unwinds with when the budget is spent.
struct Exhausted;

impl Meter {
    /// A meter allowing `limit` work units.
    pub(super) fn new(limit: u64) -> Rc<Self> {
        Rc::new(Self {
            spent: Cell::new(0),
            limit: Cell::new(limit),
        })
    }

    /// Allows `units` more work units.
    pub(super) fn grant(&self, units: u64) {
        self.limit.set(self.limit.get().saturating_add(units));
    }

    /// The work units spent so far (the limit at most, plus one image copy).
    #[cfg(test)]
    pub(super) fn spent(&self) -> u64 {
        self.spent.get()
    }

    /// Whether the budget was spent (the search was cut short).
    pub(super) fn exhausted(&self) -> bool {
        self.spent.get() >= self.limit.get()
    }

    fn charge(&self, units: u64) {
        let spent = self.spent.get().saturating_add(units);
        self.spent.set(spent);
        if spent >= self.limit.get() {
            resume_unwind(Box::new(Exhausted));
        }
    }
}

/// A gray image whose every pixel access by rqrr is charged to a [`Meter`].
pub(super) struct Metered {
    image: GrayImage,
    meter: Rc<Meter>,
}

impl Metered {
    /// Wraps `image`, charging its accesses to `meter`.
    pub(super) fn new(image: GrayImage, meter: Rc<Meter>) -> Self {
        Self { image, meter }
    }
}

impl Clone for Metered {
    fn clone(&self) -> Self {
        let (w, h) = self.image.dimensions();
        self.meter
            .charge(u64::from(w) * u64::from(h) / COPY_DIVISOR + 1);
        Self {
            image: self.image.clone(),
            meter: Rc::clone(&self.meter),
        }
    }
}

impl GenericImageView for Metered {
    type Pixel = Luma<u8>;

    fn dimensions(&self) -> (u32, u32) {
        self.image.dimensions()
    }

    fn get_pixel(&self, x: u32, y: u32) -> Luma<u8> {
        self.meter.charge(1);
        *self.image.get_pixel(x, y)
    }
}

impl GenericImage for Metered {
    #[allow(deprecated)]
    fn get_pixel_mut(&mut self, x: u32, y: u32) -> &mut Luma<u8> {
        self.meter.charge(1);
        self.image.get_pixel_mut(x, y)
    }

    fn put_pixel(&mut self, x: u32, y: u32, pixel: Luma<u8>) {
        self.meter.charge(1);
        self.image.put_pixel(x, y, pixel);
    }

    #[allow(deprecated)]
    fn blend_pixel(&mut self, x: u32, y: u32, pixel: Luma<u8>) {
        self.meter.charge(1);
        self.image.blend_pixel(x, y, pixel);
    }
}
