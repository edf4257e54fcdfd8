//! The generators' random numbers.

/// xorshift64: fast, and the same sequence everywhere.
pub struct Random(pub u64);

impl Random {
    pub fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }

    pub fn unit(&mut self) -> f64 {
        self.below(1 << 30) as f64 / (1u64 << 30) as f64
    }

    #[allow(dead_code, reason = "not every generator needs it")]
    pub fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }
}
