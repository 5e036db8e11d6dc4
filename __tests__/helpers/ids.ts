/** Identifiers of the simulated tenant that tests refer to (observed on a live tenant, see sim/fixtures.ts). */
export const HF_GROUP = '4c22aef7-2ab7-40ba-b3f1-cd9e9aa1768e'
export const LOCAL_GROUP = '020d546d-3920-4ef3-9183-00f37f33f566'
/** The canonical DialoGPT-medium scan. */
export const DIALOGPT_SCAN = '7a7e1cdf-a6b1-4743-a5f2-a7bd96ec7bab'
export const DIALOGPT_URI = 'https://huggingface.co/microsoft/DialoGPT-medium'
/** Prefix of the simulator's built-in Hugging Face scenarios. */
export const SIM_HF = 'https://huggingface.co/airs-sim'
