// Placeholder replaced when the store lands.
export default function setup(): void {}
