fn main() {
    println!("herald");
}
