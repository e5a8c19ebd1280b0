export interface CryptoKeyCheckTable {
  name: string;
  key_id: string;
  /** a known text encrypted with the key: decrypting it proves the key is the right one */
  check_value: string;
  created_at: string;
}

export interface PartialDB {
  crypto_key_check: CryptoKeyCheckTable;
}
