/**
 * Fields (lĩnh vực) of the national procedure catalogue and the ministries that manage them.
 *
 * The field NAMES are real lĩnh vực names as they appear on DVCQG and in ministries' procedure-publication
 * decisions [M: background knowledge, not checked against a source in the spec]. The field CODES (`LV001`…)
 * are OURS: the real `MALINHVUC` values are opaque and not in the spec (A2 names `LayDanhMucLinhVuc` only).
 * The table is the source of truth, so codes are written out and never depend on array order.
 */

/**
 * Who performs a procedure. Our first-digit convention for `MaTTHC` follows it (see `LEVEL_DIGIT`).
 * `commune` = the level below the province (cấp xã; cấp huyện too until the 2025 two-tier reform [M]).
 */
export type ProcedureLevel = 'central' | 'provincial' | 'commune';

/**
 * What kind of act a procedure is. It drives the verbs of generated names and the fee/time profile
 * (generate.ts). Ours, not a DVCQG concept.
 * cp = issue a document (cấp) · dk = registration (đăng ký) · pd = appraisal/approval (thẩm định, phê duyệt)
 * cn = recognition (công nhận) · cb = declaration (công bố) · tb = notice (thông báo) · gq = entitlement
 * (giải quyết chế độ) · tl = organisation (thành lập) · kt = award (khen thưởng) · ct = attestation
 * (chứng thực) · x = the subject is already a full procedure name.
 */
export type ProcedureKind = 'cp' | 'dk' | 'pd' | 'cn' | 'cb' | 'tb' | 'gq' | 'tl' | 'kt' | 'ct' | 'x';

/** Who may file: A3 `LoaiDoiTuong` "1" citizen / "2" business. */
export type ApplicantType = 'citizen' | 'business' | 'both';

export interface Ministry {
  /** Current name first, then pre-2025 names of merged ministries [M], all matched against agency names. */
  readonly names: readonly string[];
  /** Abbreviation used in document numbers (`…/TT-BTP`, `…/QĐ-BTP`). */
  readonly abbr: string;
}

/** Ministries by our short key. The 2025 mergers [M] are aliases so either directory generation matches. */
export const MINISTRIES = {
  TP: { names: ['Bộ Tư pháp'], abbr: 'BTP' },
  CA: { names: ['Bộ Công an'], abbr: 'BCA' },
  TC: { names: ['Bộ Tài chính', 'Bộ Kế hoạch và Đầu tư'], abbr: 'BTC' },
  NV: { names: ['Bộ Nội vụ', 'Bộ Lao động - Thương binh và Xã hội'], abbr: 'BNV' },
  YT: { names: ['Bộ Y tế', 'Bộ Lao động - Thương binh và Xã hội'], abbr: 'BYT' },
  GD: { names: ['Bộ Giáo dục và Đào tạo', 'Bộ Lao động - Thương binh và Xã hội'], abbr: 'BGDĐT' },
  XD: { names: ['Bộ Xây dựng', 'Bộ Giao thông vận tải'], abbr: 'BXD' },
  NM: {
    names: ['Bộ Nông nghiệp và Môi trường', 'Bộ Nông nghiệp và Phát triển nông thôn', 'Bộ Tài nguyên và Môi trường'],
    abbr: 'BNNMT',
  },
  CT: { names: ['Bộ Công Thương'], abbr: 'BCT' },
  KH: { names: ['Bộ Khoa học và Công nghệ', 'Bộ Thông tin và Truyền thông'], abbr: 'BKHCN' },
  VH: { names: ['Bộ Văn hóa, Thể thao và Du lịch', 'Bộ Thông tin và Truyền thông'], abbr: 'BVHTTDL' },
  NG: { names: ['Bộ Ngoại giao'], abbr: 'BNG' },
  QP: { names: ['Bộ Quốc phòng'], abbr: 'BQP' },
  NH: { names: ['Ngân hàng Nhà nước Việt Nam'], abbr: 'NHNN' },
  DT: { names: ['Bộ Dân tộc và Tôn giáo', 'Ủy ban Dân tộc', 'Bộ Nội vụ'], abbr: 'BDTTG' },
  TT: { names: ['Thanh tra Chính phủ'], abbr: 'TTCP' },
} as const satisfies Record<string, Ministry>;

export type MinistryKey = keyof typeof MINISTRIES;

export interface FieldSpec {
  /** Our code (`LV` + 3 digits). */
  readonly code: string;
  /** Real lĩnh vực name [M]. */
  readonly name: string;
  readonly ministry: MinistryKey;
  /** Levels at which the field has procedures. */
  readonly levels: readonly ProcedureLevel[];
  /** Relative share of the national catalogue (our estimate, so that land, civil status, transport… dominate). */
  readonly weight: number;
  readonly applicants: ApplicantType;
  /**
   * `kind:object` or `kind=Verb|Verb:object` phrases that generated names are built from (generate.ts); the
   * second form replaces the kind's default verbs.
   */
  readonly subjects: readonly string[];
  /** No phí/lệ phí in this field (complaints, social benefits, awards…) [M]. */
  readonly free: boolean;
}

type Row = readonly [code: string, name: string, ministry: MinistryKey, levels: string, weight: number, who: 'C' | 'B' | 'CB', subjects: readonly string[], free?: 'free'];

const LEVEL_LETTERS: Readonly<Record<string, ProcedureLevel>> = { C: 'central', P: 'provincial', X: 'commune' };
const WHO: Readonly<Record<Row[5], ApplicantType>> = { C: 'citizen', B: 'business', CB: 'both' };

// Levels: C central (ministry), P provincial, X commune. Weight: relative number of procedures.
const ROWS: readonly Row[] = [
  // Bộ Tư pháp
  ['LV001', 'Hộ tịch', 'TP', 'PX', 6, 'C', ['dk=Đăng ký|Đăng ký lại:khai sinh', 'dk=Đăng ký|Đăng ký lại:kết hôn', 'dk=Đăng ký|Đăng ký lại:khai tử', 'dk:nhận cha, mẹ, con', 'dk:giám hộ', 'cp:Giấy xác nhận tình trạng hôn nhân', 'cp:bản sao trích lục hộ tịch']],
  ['LV002', 'Chứng thực', 'TP', 'PX', 3, 'CB', ['ct:bản sao từ bản chính giấy tờ, văn bản', 'ct:chữ ký trong các giấy tờ, văn bản', 'ct:hợp đồng, giao dịch liên quan đến tài sản là động sản', 'ct:việc sửa đổi, bổ sung, hủy bỏ hợp đồng, giao dịch']],
  ['LV003', 'Lý lịch tư pháp', 'TP', 'CP', 2, 'C', ['cp:Phiếu lý lịch tư pháp', 'x:Tiếp nhận yêu cầu cung cấp thông tin lý lịch tư pháp']],
  ['LV004', 'Quốc tịch', 'TP', 'CP', 2, 'C', ['gq:việc nhập quốc tịch Việt Nam', 'gq:việc trở lại quốc tịch Việt Nam', 'gq:việc thôi quốc tịch Việt Nam', 'cp:Giấy xác nhận có quốc tịch Việt Nam']],
  ['LV005', 'Nuôi con nuôi', 'TP', 'CP', 1, 'C', ['dk:nuôi con nuôi trong nước', 'dk:nuôi con nuôi có yếu tố nước ngoài', 'cp:Giấy phép hoạt động của tổ chức con nuôi nước ngoài tại Việt Nam']],
  ['LV006', 'Công chứng', 'TP', 'CP', 2, 'CB', ['dk:hoạt động văn phòng công chứng', 'cp:Thẻ công chứng viên', 'tl:văn phòng công chứng']],
  ['LV007', 'Luật sư', 'TP', 'CP', 1, 'CB', ['dk:hoạt động của tổ chức hành nghề luật sư', 'cp:Chứng chỉ hành nghề luật sư', 'cp:Giấy phép hành nghề luật sư tại Việt Nam cho luật sư nước ngoài']],
  ['LV008', 'Trợ giúp pháp lý', 'TP', 'P', 1, 'C', ['gq:yêu cầu trợ giúp pháp lý', 'dk:tham gia trợ giúp pháp lý'], 'free'],
  ['LV009', 'Đấu giá tài sản', 'TP', 'CP', 1, 'CB', ['dk:hoạt động doanh nghiệp đấu giá tài sản', 'cp:Chứng chỉ hành nghề đấu giá']],
  ['LV010', 'Thừa phát lại', 'TP', 'P', 1, 'CB', ['tl:Văn phòng Thừa phát lại', 'dk:hoạt động Văn phòng Thừa phát lại']],
  ['LV011', 'Bồi thường nhà nước', 'TP', 'CPX', 1, 'CB', ['gq:yêu cầu bồi thường tại cơ quan trực tiếp quản lý người thi hành công vụ'], 'free'],
  ['LV012', 'Đăng ký biện pháp bảo đảm', 'TP', 'CP', 2, 'CB', ['dk:thế chấp quyền sử dụng đất, tài sản gắn liền với đất', 'dk:biện pháp bảo đảm bằng động sản', 'dk:thay đổi nội dung biện pháp bảo đảm đã đăng ký']],
  // Bộ Công an
  ['LV013', 'Cấp, quản lý căn cước', 'CA', 'C', 2, 'C', ['cp=Cấp|Cấp lại|Cấp đổi:thẻ căn cước', 'cp=Cấp|Cấp lại|Cấp đổi:giấy chứng nhận căn cước', 'x:Xác nhận số định danh cá nhân']],
  ['LV014', 'Đăng ký, quản lý cư trú', 'CA', 'C', 3, 'C', ['dk:thường trú', 'dk:tạm trú', 'tb:lưu trú', 'x:Xóa đăng ký thường trú', 'x:Xác nhận thông tin về cư trú']],
  ['LV015', 'Quản lý xuất nhập cảnh', 'CA', 'C', 2, 'C', ['cp:hộ chiếu phổ thông', 'cp:thị thực cho người nước ngoài', 'cp:thẻ tạm trú cho người nước ngoài', 'tb=Trình báo:mất hộ chiếu phổ thông']],
  ['LV016', 'Đăng ký, quản lý phương tiện giao thông', 'CA', 'C', 2, 'CB', ['dk:xe', 'cp:biển số xe', 'x:Thu hồi giấy chứng nhận đăng ký xe, biển số xe']],
  ['LV017', 'Phòng cháy, chữa cháy và cứu nạn, cứu hộ', 'CA', 'CP', 2, 'B', ['pd:thiết kế về phòng cháy và chữa cháy', 'pd=Chấp thuận:kết quả nghiệm thu về phòng cháy và chữa cháy', 'cp:Giấy chứng nhận huấn luyện nghiệp vụ phòng cháy, chữa cháy']],
  ['LV018', 'Quản lý ngành, nghề kinh doanh có điều kiện về an ninh, trật tự', 'CA', 'C', 1, 'B', ['cp:Giấy chứng nhận đủ điều kiện về an ninh, trật tự']],
  ['LV019', 'Quản lý vũ khí, vật liệu nổ, công cụ hỗ trợ', 'CA', 'C', 1, 'B', ['cp:Giấy phép sử dụng vũ khí thể thao', 'cp:Giấy phép vận chuyển vật liệu nổ công nghiệp', 'cp:Giấy phép trang bị công cụ hỗ trợ']],
  // Bộ Tài chính (with the former Bộ Kế hoạch và Đầu tư)
  ['LV020', 'Thành lập và hoạt động doanh nghiệp', 'TC', 'P', 5, 'B', ['dk:thành lập công ty trách nhiệm hữu hạn hai thành viên trở lên', 'dk:thành lập công ty cổ phần', 'dk:thay đổi nội dung đăng ký doanh nghiệp', 'dk:hoạt động chi nhánh, văn phòng đại diện, địa điểm kinh doanh', 'tb:tạm ngừng kinh doanh', 'tb:thay đổi nội dung đăng ký doanh nghiệp']],
  ['LV021', 'Thành lập và hoạt động của hộ kinh doanh', 'TC', 'X', 2, 'C', ['dk:thay đổi nội dung đăng ký hộ kinh doanh', 'tb:tạm ngừng kinh doanh hộ kinh doanh', 'cp:Giấy chứng nhận đăng ký hộ kinh doanh']],
  ['LV022', 'Thành lập và hoạt động của hợp tác xã', 'TC', 'PX', 2, 'B', ['dk:thành lập hợp tác xã', 'dk:thay đổi tên, địa chỉ trụ sở chính hợp tác xã', 'tb:việc giải thể tự nguyện hợp tác xã']],
  ['LV023', 'Đầu tư tại Việt Nam', 'TC', 'CP', 3, 'B', ['pd=Chấp thuận|Điều chỉnh:chủ trương đầu tư', 'cp:Giấy chứng nhận đăng ký đầu tư', 'pd=Chấp thuận|Điều chỉnh:việc chuyển nhượng dự án đầu tư']],
  ['LV024', 'Đầu tư ra nước ngoài', 'TC', 'C', 1, 'B', ['cp:Giấy chứng nhận đăng ký đầu tư ra nước ngoài', 'tb:hoạt động đầu tư ở nước ngoài']],
  ['LV025', 'Thuế', 'TC', 'C', 5, 'CB', ['dk:thuế lần đầu', 'dk:thay đổi thông tin đăng ký thuế', 'tb:khai thuế giá trị gia tăng', 'gq:hoàn thuế giá trị gia tăng', 'gq:miễn, giảm thuế thu nhập cá nhân', 'x:Gia hạn nộp thuế']],
  ['LV026', 'Hải quan', 'TC', 'C', 4, 'B', ['tb:khai hải quan đối với hàng hóa xuất khẩu, nhập khẩu', 'gq:miễn thuế hàng hóa xuất khẩu, nhập khẩu', 'cp:Giấy chứng nhận đủ điều kiện kinh doanh dịch vụ làm thủ tục hải quan', 'x:Kiểm tra, giám sát hải quan đối với hàng hóa quá cảnh']],
  ['LV027', 'Quản lý công sản', 'TC', 'CP', 2, 'B', ['pd:phương án sắp xếp lại, xử lý nhà, đất', 'gq:việc thanh lý tài sản công', 'x:Điều chuyển tài sản công']],
  ['LV028', 'Kinh doanh bảo hiểm', 'TC', 'C', 1, 'B', ['cp:Giấy phép thành lập và hoạt động kinh doanh bảo hiểm', 'cp:Chứng chỉ đại lý bảo hiểm']],
  ['LV029', 'Chứng khoán', 'TC', 'C', 2, 'B', ['dk:chào bán chứng khoán ra công chúng', 'cp:Giấy phép thành lập và hoạt động công ty chứng khoán', 'cp:Chứng chỉ hành nghề chứng khoán']],
  ['LV030', 'Quản lý giá', 'TC', 'CP', 1, 'B', ['tb:mức giá hàng hóa, dịch vụ thuộc danh mục kê khai giá', 'dk:giá hàng hóa, dịch vụ']],
  ['LV031', 'Bảo hiểm xã hội', 'TC', 'C', 4, 'C', ['gq:hưởng chế độ ốm đau', 'gq:hưởng chế độ thai sản', 'gq:hưởng lương hưu', 'gq:hưởng bảo hiểm xã hội một lần', 'cp:thẻ bảo hiểm y tế', 'dk:đóng bảo hiểm xã hội, bảo hiểm y tế'], 'free'],
  // Bộ Nội vụ (with labour from the former Bộ Lao động - Thương binh và Xã hội)
  ['LV032', 'Việc làm', 'NV', 'P', 3, 'C', ['gq:hưởng trợ cấp thất nghiệp', 'cp:Giấy phép hoạt động dịch vụ việc làm', 'tb:việc tìm kiếm việc làm hằng tháng']],
  ['LV033', 'Lao động', 'NV', 'CP', 3, 'CB', ['cp:Giấy phép lao động cho người lao động nước ngoài làm việc tại Việt Nam', 'cp:Giấy phép hoạt động cho thuê lại lao động', 'dk:nội quy lao động']],
  ['LV034', 'An toàn, vệ sinh lao động', 'NV', 'CP', 1, 'B', ['cp:Giấy chứng nhận đủ điều kiện hoạt động kiểm định kỹ thuật an toàn lao động', 'cp:Giấy chứng nhận đủ điều kiện hoạt động huấn luyện an toàn, vệ sinh lao động', 'tb:tai nạn lao động']],
  ['LV035', 'Quản lý lao động ngoài nước', 'NV', 'CP', 1, 'B', ['cp:Giấy phép hoạt động dịch vụ đưa người lao động đi làm việc ở nước ngoài theo hợp đồng', 'dk:hợp đồng cung ứng lao động']],
  ['LV036', 'Người có công', 'NV', 'PX', 3, 'C', ['gq:chế độ trợ cấp đối với thân nhân liệt sĩ', 'gq:chế độ ưu đãi đối với người hoạt động kháng chiến', 'gq:trợ cấp mai táng đối với người có công với cách mạng', 'cp:trích lục hồ sơ người có công với cách mạng'], 'free'],
  ['LV037', 'Thi đua, khen thưởng', 'NV', 'CPX', 2, 'CB', ['kt:Bằng khen của Chủ tịch Ủy ban nhân dân cấp tỉnh', 'kt:danh hiệu Chiến sĩ thi đua cơ sở', 'kt:Giấy khen', 'kt:danh hiệu Lao động tiên tiến'], 'free'],
  ['LV038', 'Công chức, viên chức', 'NV', 'CP', 2, 'C', ['x:Thi tuyển công chức', 'x:Xét tuyển viên chức', 'x:Thi nâng ngạch công chức', 'x:Tiếp nhận vào làm công chức']],
  ['LV039', 'Tổ chức hành chính, đơn vị sự nghiệp công lập', 'NV', 'CP', 1, 'B', ['tl:đơn vị sự nghiệp công lập', 'pd:đề án vị trí việc làm']],
  ['LV040', 'Tổ chức phi chính phủ', 'NV', 'CPX', 2, 'CB', ['tl=Thành lập|Sáp nhập, chia, tách|Giải thể|Đổi tên:hội', 'pd=Phê duyệt:điều lệ hội', 'tl:quỹ xã hội, quỹ từ thiện']],
  ['LV041', 'Văn thư và lưu trữ', 'NV', 'CP', 1, 'CB', ['cp:Chứng chỉ hành nghề lưu trữ', 'x:Phục vụ việc sử dụng tài liệu của độc giả tại phòng đọc']],
  // Bộ Y tế (with social protection and children from the former Bộ Lao động - Thương binh và Xã hội)
  ['LV042', 'Khám bệnh, chữa bệnh', 'YT', 'CP', 4, 'CB', ['cp:Giấy phép hoạt động đối với cơ sở khám bệnh, chữa bệnh', 'cp:Giấy phép hành nghề khám bệnh, chữa bệnh', 'pd:danh mục kỹ thuật của cơ sở khám bệnh, chữa bệnh']],
  ['LV043', 'Dược phẩm', 'YT', 'CP', 4, 'B', ['cp:Giấy chứng nhận đủ điều kiện kinh doanh dược', 'cp:Chứng chỉ hành nghề dược', 'dk:lưu hành thuốc', 'cp:Giấy xác nhận nội dung quảng cáo thuốc']],
  ['LV044', 'Mỹ phẩm', 'YT', 'CP', 1, 'B', ['cb:sản phẩm mỹ phẩm', 'cb:đủ điều kiện sản xuất mỹ phẩm']],
  ['LV045', 'Trang thiết bị y tế', 'YT', 'CP', 2, 'B', ['cb:tiêu chuẩn áp dụng đối với trang thiết bị y tế loại A, B', 'cp:số lưu hành đối với trang thiết bị y tế loại C, D', 'cb:đủ điều kiện mua bán trang thiết bị y tế']],
  ['LV046', 'An toàn thực phẩm và dinh dưỡng', 'YT', 'CP', 3, 'B', ['cp:Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm', 'dk:bản công bố sản phẩm', 'cp:Giấy xác nhận nội dung quảng cáo thực phẩm']],
  ['LV047', 'Y tế dự phòng', 'YT', 'CP', 2, 'CB', ['cb:cơ sở đủ điều kiện tiêm chủng', 'cp:Giấy chứng nhận cơ sở xét nghiệm đạt tiêu chuẩn an toàn sinh học cấp I, cấp II']],
  ['LV048', 'Bảo trợ xã hội', 'YT', 'PX', 3, 'C', ['gq:trợ cấp xã hội hằng tháng', 'gq:hỗ trợ chi phí mai táng', 'x:Tiếp nhận đối tượng bảo trợ xã hội vào cơ sở trợ giúp xã hội'], 'free'],
  ['LV049', 'Trẻ em', 'YT', 'PX', 1, 'C', ['x:Áp dụng các biện pháp can thiệp khẩn cấp hoặc tạm thời cách ly trẻ em khỏi môi trường hoặc người gây tổn hại cho trẻ em', 'x:Chấm dứt việc chăm sóc thay thế cho trẻ em'], 'free'],
  ['LV050', 'Giám định y khoa', 'YT', 'P', 1, 'C', ['x:Khám giám định lần đầu do tai nạn lao động', 'x:Khám giám định phúc quyết']],
  // Bộ Giáo dục và Đào tạo (with vocational training since 2025 [M])
  ['LV051', 'Giáo dục và Đào tạo thuộc hệ thống giáo dục quốc dân', 'GD', 'CPX', 4, 'CB', ['tl:trường trung học phổ thông', 'tl:trường mầm non', 'cn:trường đạt chuẩn quốc gia', 'x:Cho phép trường tiểu học hoạt động giáo dục']],
  ['LV052', 'Giáo dục nghề nghiệp', 'GD', 'CP', 2, 'B', ['cp:Giấy chứng nhận đăng ký hoạt động giáo dục nghề nghiệp', 'tl:trường cao đẳng']],
  ['LV053', 'Thi, tuyển sinh', 'GD', 'CP', 2, 'C', ['x:Đăng ký dự thi tốt nghiệp trung học phổ thông', 'x:Phúc khảo bài thi tốt nghiệp trung học phổ thông', 'x:Xét tuyển sinh vào trường phổ thông dân tộc nội trú']],
  ['LV054', 'Hệ thống văn bằng, chứng chỉ', 'GD', 'CPX', 3, 'C', ['cp:bản sao văn bằng, chứng chỉ từ sổ gốc', 'x:Công nhận văn bằng do cơ sở giáo dục nước ngoài cấp', 'x:Chỉnh sửa nội dung văn bằng, chứng chỉ']],
  ['LV055', 'Giáo dục đại học', 'GD', 'C', 2, 'B', ['x:Cho phép mở ngành đào tạo trình độ đại học', 'tl:phân hiệu của cơ sở giáo dục đại học', 'cn:hiệu trưởng trường đại học tư thục']],
  // Bộ Xây dựng (with the former Bộ Giao thông vận tải)
  ['LV056', 'Hoạt động xây dựng', 'XD', 'CPX', 4, 'B', ['cp:Giấy phép xây dựng mới đối với công trình cấp đặc biệt, cấp I, cấp II', 'pd:báo cáo nghiên cứu khả thi đầu tư xây dựng', 'cp:chứng chỉ hành nghề hoạt động xây dựng', 'cp:chứng chỉ năng lực hoạt động xây dựng']],
  ['LV057', 'Quy hoạch xây dựng, kiến trúc', 'XD', 'CP', 2, 'B', ['pd:nhiệm vụ quy hoạch chi tiết xây dựng', 'cp:Giấy phép quy hoạch', 'cp:Chứng chỉ hành nghề kiến trúc']],
  ['LV058', 'Nhà ở', 'XD', 'CPX', 3, 'CB', ['x:Mua, thuê mua nhà ở xã hội', 'pd:dự án đầu tư xây dựng nhà ở thương mại', 'x:Thông báo nhà ở hình thành trong tương lai đủ điều kiện được bán, cho thuê mua']],
  ['LV059', 'Kinh doanh bất động sản', 'XD', 'CP', 2, 'B', ['cp:chứng chỉ hành nghề môi giới bất động sản', 'pd:chuyển nhượng toàn bộ hoặc một phần dự án bất động sản']],
  ['LV060', 'Hạ tầng kỹ thuật', 'XD', 'PX', 1, 'CB', ['cp:Giấy phép chặt hạ, dịch chuyển cây xanh', 'x:Chấp thuận đấu nối vào hệ thống thoát nước']],
  ['LV061', 'Đường bộ', 'XD', 'CP', 5, 'CB', ['cp:Giấy phép kinh doanh vận tải bằng xe ô tô', 'cp:phù hiệu xe ô tô kinh doanh vận tải', 'cp:Giấy phép lưu hành xe quá tải trọng, xe quá khổ giới hạn', 'pd:phương án tổ chức giao thông']],
  ['LV062', 'Đường thủy nội địa', 'XD', 'CPX', 2, 'CB', ['dk:phương tiện thủy nội địa', 'cp:Giấy chứng nhận khả năng chuyên môn thuyền trưởng, máy trưởng', 'x:Công bố hoạt động bến thủy nội địa']],
  ['LV063', 'Hàng hải', 'XD', 'C', 3, 'B', ['dk:tàu biển Việt Nam', 'cp:Giấy chứng nhận khả năng chuyên môn thuyền viên', 'x:Thủ tục tàu biển nhập cảnh']],
  ['LV064', 'Hàng không', 'XD', 'C', 2, 'B', ['cp:Giấy phép kinh doanh vận chuyển hàng không', 'dk:quốc tịch tàu bay', 'cp:Giấy phép nhân viên hàng không']],
  ['LV065', 'Đường sắt', 'XD', 'C', 1, 'B', ['cp:Giấy chứng nhận đăng ký phương tiện giao thông đường sắt', 'cp:Giấy phép lái tàu']],
  ['LV066', 'Đăng kiểm', 'XD', 'C', 2, 'CB', ['cp:Giấy chứng nhận kiểm định an toàn kỹ thuật và bảo vệ môi trường xe cơ giới', 'cp:Giấy chứng nhận chất lượng an toàn kỹ thuật và bảo vệ môi trường xe cơ giới nhập khẩu']],
  // Bộ Nông nghiệp và Môi trường
  ['LV067', 'Đất đai', 'NM', 'CPX', 6, 'CB', ['dk:biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất', 'cp:Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất', 'x:Giao đất, cho thuê đất không thông qua đấu giá quyền sử dụng đất', 'x:Chuyển mục đích sử dụng đất', 'x:Cung cấp dữ liệu đất đai', 'x:Tách thửa hoặc hợp thửa đất']],
  ['LV068', 'Môi trường', 'NM', 'CP', 3, 'B', ['cp:Giấy phép môi trường', 'pd:báo cáo đánh giá tác động môi trường', 'dk:môi trường']],
  ['LV069', 'Tài nguyên nước', 'NM', 'CP', 2, 'B', ['cp:Giấy phép khai thác, sử dụng nước mặt', 'cp:Giấy phép thăm dò nước dưới đất', 'x:Kê khai khai thác, sử dụng tài nguyên nước']],
  ['LV070', 'Địa chất và khoáng sản', 'NM', 'CP', 2, 'B', ['cp:Giấy phép thăm dò khoáng sản', 'cp:Giấy phép khai thác khoáng sản', 'pd:trữ lượng khoáng sản']],
  ['LV071', 'Đo đạc, bản đồ và thông tin địa lý', 'NM', 'CP', 1, 'B', ['cp:Giấy phép hoạt động đo đạc và bản đồ', 'cp:chứng chỉ hành nghề đo đạc và bản đồ', 'x:Cung cấp thông tin, dữ liệu, sản phẩm đo đạc và bản đồ']],
  ['LV072', 'Khí tượng thủy văn', 'NM', 'CP', 1, 'B', ['cp:Giấy phép hoạt động dự báo, cảnh báo khí tượng thủy văn']],
  ['LV073', 'Biển và hải đảo', 'NM', 'CP', 1, 'B', ['x:Giao khu vực biển', 'cp:Giấy phép nhận chìm ở biển']],
  ['LV074', 'Trồng trọt', 'NM', 'CP', 2, 'CB', ['cn:lưu hành giống cây trồng', 'cp:Giấy chứng nhận đủ điều kiện sản xuất phân bón']],
  ['LV075', 'Bảo vệ thực vật', 'NM', 'CP', 2, 'B', ['cp:Giấy chứng nhận kiểm dịch thực vật nhập khẩu', 'cp:Giấy chứng nhận đủ điều kiện buôn bán thuốc bảo vệ thực vật', 'dk:thuốc bảo vệ thực vật']],
  ['LV076', 'Chăn nuôi', 'NM', 'CP', 2, 'B', ['cp:Giấy chứng nhận đủ điều kiện chăn nuôi trang trại quy mô lớn', 'cp:Giấy chứng nhận đủ điều kiện sản xuất thức ăn chăn nuôi']],
  ['LV077', 'Thú y', 'NM', 'CP', 2, 'B', ['cp:Giấy chứng nhận đủ điều kiện vệ sinh thú y', 'cp:Chứng chỉ hành nghề thú y', 'dk:kiểm dịch động vật, sản phẩm động vật vận chuyển ra khỏi địa bàn cấp tỉnh']],
  ['LV078', 'Thủy sản', 'NM', 'CPX', 3, 'B', ['cp:Giấy phép khai thác thủy sản', 'dk:tàu cá', 'cp:Giấy chứng nhận cơ sở đủ điều kiện nuôi trồng thủy sản']],
  ['LV079', 'Lâm nghiệp', 'NM', 'CPX', 2, 'CB', ['pd:phương án quản lý rừng bền vững', 'x:Chuyển loại rừng', 'dk:mã số cơ sở trồng cây nhân tạo các loài thực vật hoang dã nguy cấp, quý, hiếm']],
  ['LV080', 'Thủy lợi', 'NM', 'CP', 1, 'B', ['cp:Giấy phép cho các hoạt động trong phạm vi bảo vệ công trình thủy lợi']],
  ['LV081', 'Phòng, chống thiên tai', 'NM', 'CP', 1, 'B', ['cp:Giấy phép cho hoạt động trong phạm vi bảo vệ đê điều']],
  ['LV082', 'Quản lý chất lượng nông lâm sản và thủy sản', 'NM', 'CP', 2, 'B', ['cp:Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm nông lâm thủy sản', 'x:Kiểm tra nhà nước về chất lượng muối nhập khẩu']],
  ['LV083', 'Phát triển nông thôn', 'NM', 'PX', 1, 'CB', ['cn:xã đạt chuẩn nông thôn mới', 'x:Hỗ trợ đầu tư phát triển ngành nghề nông thôn']],
  // Bộ Công Thương
  ['LV084', 'Điện', 'CT', 'CP', 2, 'B', ['cp:Giấy phép hoạt động điện lực', 'cp:Thẻ kiểm định viên điện lực']],
  ['LV085', 'Hóa chất', 'CT', 'CP', 2, 'B', ['cp:Giấy chứng nhận đủ điều kiện sản xuất, kinh doanh hóa chất có điều kiện', 'pd:Kế hoạch phòng ngừa, ứng phó sự cố hóa chất']],
  ['LV086', 'Xúc tiến thương mại', 'CT', 'CP', 2, 'B', ['dk:thực hiện khuyến mại', 'tb:hoạt động khuyến mại', 'dk:tổ chức hội chợ, triển lãm thương mại']],
  ['LV087', 'Thương mại quốc tế', 'CT', 'CP', 2, 'B', ['cp:Giấy phép thành lập Văn phòng đại diện của thương nhân nước ngoài tại Việt Nam', 'cp=Cấp|Cấp lại|Cấp sửa đổi, bổ sung:Giấy chứng nhận xuất xứ hàng hóa', 'cp:Giấy phép kinh doanh cho tổ chức kinh tế có vốn đầu tư nước ngoài']],
  ['LV088', 'Lưu thông hàng hóa trong nước', 'CT', 'CPX', 3, 'B', ['cp:Giấy phép bán lẻ sản phẩm thuốc lá', 'cp:Giấy phép bán lẻ rượu', 'cp:Giấy xác nhận đủ điều kiện làm thương nhân phân phối xăng dầu', 'cp:Giấy chứng nhận cửa hàng đủ điều kiện bán lẻ xăng dầu']],
  ['LV089', 'Cạnh tranh và bảo vệ quyền lợi người tiêu dùng', 'CT', 'CP', 1, 'B', ['dk:hợp đồng theo mẫu, điều kiện giao dịch chung', 'dk:hoạt động bán hàng đa cấp']],
  // Bộ Khoa học và Công nghệ (with the former Bộ Thông tin và Truyền thông)
  ['LV090', 'Hoạt động khoa học và công nghệ', 'KH', 'CP', 2, 'B', ['dk:hoạt động khoa học và công nghệ', 'cp:Giấy chứng nhận doanh nghiệp khoa học và công nghệ', 'dk:kết quả thực hiện nhiệm vụ khoa học và công nghệ']],
  ['LV091', 'Sở hữu trí tuệ', 'KH', 'C', 3, 'CB', ['dk:nhãn hiệu', 'dk:sáng chế', 'dk:kiểu dáng công nghiệp', 'dk:hợp đồng chuyển giao quyền sử dụng đối tượng sở hữu công nghiệp']],
  ['LV092', 'Tiêu chuẩn, đo lường, chất lượng', 'KH', 'CP', 2, 'B', ['dk:hoạt động thử nghiệm', 'cp:chứng chỉ kiểm định viên đo lường', 'cb=Công bố:hợp chuẩn, hợp quy sản phẩm, hàng hóa']],
  ['LV093', 'Năng lượng nguyên tử, an toàn bức xạ và hạt nhân', 'KH', 'CP', 1, 'B', ['cp:Giấy phép tiến hành công việc bức xạ', 'cp:Chứng chỉ nhân viên bức xạ']],
  ['LV094', 'Bưu chính', 'KH', 'CP', 1, 'B', ['cp:Giấy phép bưu chính', 'tb:hoạt động bưu chính']],
  ['LV095', 'Viễn thông và Internet', 'KH', 'C', 2, 'B', ['cp:Giấy phép cung cấp dịch vụ viễn thông', 'cp:Giấy phép thiết lập mạng viễn thông công cộng', 'dk:cung cấp dịch vụ viễn thông']],
  ['LV096', 'Tần số vô tuyến điện', 'KH', 'C', 1, 'CB', ['cp:Giấy phép sử dụng tần số và thiết bị vô tuyến điện']],
  // Bộ Văn hóa, Thể thao và Du lịch (with press and publishing since 2025 [M])
  ['LV097', 'Văn hóa cơ sở', 'VH', 'PX', 2, 'CB', ['cp:Giấy phép kinh doanh dịch vụ karaoke', 'x:Thông báo tổ chức lễ hội', 'cp:Giấy phép kinh doanh dịch vụ vũ trường']],
  ['LV098', 'Di sản văn hóa', 'VH', 'CP', 1, 'CB', ['cp:Giấy phép khai quật khảo cổ', 'x:Xếp hạng di tích cấp tỉnh', 'cp:Giấy chứng nhận đủ điều kiện kinh doanh giám định cổ vật']],
  ['LV099', 'Nghệ thuật biểu diễn', 'VH', 'CP', 1, 'CB', ['x:Tổ chức biểu diễn nghệ thuật', 'tb:tổ chức cuộc thi, liên hoan trên lãnh thổ Việt Nam']],
  ['LV100', 'Mỹ thuật, nhiếp ảnh và triển lãm', 'VH', 'CP', 1, 'CB', ['cp:Giấy phép xây dựng tượng đài, tranh hoành tráng', 'tb:tổ chức triển lãm']],
  ['LV101', 'Du lịch', 'VH', 'CP', 3, 'B', ['cp:Giấy phép kinh doanh dịch vụ lữ hành nội địa', 'cp:Giấy phép kinh doanh dịch vụ lữ hành quốc tế', 'cp:thẻ hướng dẫn viên du lịch', 'cn:hạng cơ sở lưu trú du lịch']],
  ['LV102', 'Thể dục thể thao', 'VH', 'CP', 2, 'B', ['cp:Giấy chứng nhận đủ điều kiện kinh doanh hoạt động thể thao', 'x:Đăng cai tổ chức giải thi đấu vô địch từng môn thể thao của địa phương']],
  ['LV103', 'Báo chí', 'VH', 'C', 2, 'B', ['cp:Giấy phép hoạt động báo chí', 'cp:thẻ nhà báo', 'x:Cho phép họp báo']],
  ['LV104', 'Xuất bản, in và phát hành', 'VH', 'CP', 2, 'B', ['cp:Giấy phép xuất bản tài liệu không kinh doanh', 'cp:Giấy phép hoạt động in', 'dk:hoạt động cơ sở in']],
  ['LV105', 'Phát thanh, truyền hình và thông tin điện tử', 'KH', 'CP', 2, 'B', ['cp:Giấy phép thiết lập trang thông tin điện tử tổng hợp', 'cp:Giấy phép cung cấp dịch vụ trò chơi điện tử G1 trên mạng']],
  // Bộ Ngoại giao
  ['LV106', 'Lãnh sự', 'NG', 'C', 2, 'C', ['x:Hợp pháp hóa lãnh sự giấy tờ, tài liệu tại Bộ Ngoại giao', 'x:Chứng nhận lãnh sự giấy tờ, tài liệu tại Bộ Ngoại giao', 'cp:hộ chiếu ngoại giao, hộ chiếu công vụ']],
  ['LV107', 'Hội nghị, hội thảo quốc tế', 'NG', 'CP', 1, 'B', ['x:Cho phép tổ chức hội nghị, hội thảo quốc tế']],
  // Bộ Quốc phòng
  ['LV108', 'Nghĩa vụ quân sự', 'QP', 'X', 1, 'C', ['dk:nghĩa vụ quân sự lần đầu', 'dk:nghĩa vụ quân sự bổ sung', 'x:Tạm hoãn gọi nhập ngũ', 'x:Miễn gọi nhập ngũ'], 'free'],
  ['LV109', 'Chính sách quân đội', 'QP', 'CP', 1, 'C', ['gq:chế độ trợ cấp một lần đối với quân nhân xuất ngũ', 'gq:chế độ hưu trí đối với quân nhân'], 'free'],
  // Ngân hàng Nhà nước Việt Nam
  ['LV110', 'Thành lập và hoạt động ngân hàng', 'NH', 'C', 2, 'B', ['cp:Giấy phép thành lập và hoạt động ngân hàng thương mại', 'pd:việc thay đổi tên, địa điểm đặt trụ sở chính của tổ chức tín dụng']],
  ['LV111', 'Ngoại hối', 'NH', 'CP', 2, 'CB', ['dk:khoản vay nước ngoài của doanh nghiệp', 'cp:Giấy phép hoạt động đại lý đổi ngoại tệ', 'dk:giao dịch ngoại hối liên quan đến đầu tư trực tiếp nước ngoài vào Việt Nam']],
  ['LV112', 'Hoạt động thanh toán', 'NH', 'C', 1, 'B', ['cp:Giấy phép hoạt động cung ứng dịch vụ trung gian thanh toán']],
  // Bộ Dân tộc và Tôn giáo
  ['LV113', 'Tín ngưỡng, tôn giáo', 'DT', 'CPX', 2, 'CB', ['dk:sinh hoạt tôn giáo tập trung', 'dk:hoạt động tín ngưỡng', 'tb:danh mục hoạt động tôn giáo', 'x:Đề nghị công nhận tổ chức tôn giáo'], 'free'],
  ['LV114', 'Công tác dân tộc', 'DT', 'CP', 1, 'C', ['x:Công nhận người có uy tín trong đồng bào dân tộc thiểu số'], 'free'],
  // Thanh tra Chính phủ
  ['LV115', 'Giải quyết khiếu nại', 'TT', 'CPX', 2, 'CB', ['x:Giải quyết khiếu nại lần đầu', 'x:Giải quyết khiếu nại lần hai'], 'free'],
  ['LV116', 'Giải quyết tố cáo', 'TT', 'CPX', 1, 'CB', ['x:Giải quyết tố cáo'], 'free'],
  ['LV117', 'Tiếp công dân', 'TT', 'CPX', 1, 'C', ['x:Tiếp công dân'], 'free'],
];

/** Every field, in code order. */
export const FIELD_SPECS: readonly FieldSpec[] = ROWS.map(([code, name, ministry, levels, weight, who, subjects, free]) => ({
  code,
  name,
  ministry,
  levels: [...levels].map((l) => {
    const level = LEVEL_LETTERS[l];
    if (!level) throw new Error(`fields.ts: bad level letter ${l} in ${code}`);
    return level;
  }),
  weight,
  applicants: WHO[who],
  subjects,
  free: free === 'free',
}));

/** Splits `kind:object` / `kind=Verb|Verb:object`; `verbs` is null when the kind's defaults apply. */
export function parseSubject(subject: string): { kind: ProcedureKind; verbs: readonly string[] | null; object: string } {
  const i = subject.indexOf(':');
  const head = subject.slice(0, i);
  const eq = head.indexOf('=');
  return {
    kind: (eq < 0 ? head : head.slice(0, eq)) as ProcedureKind,
    verbs: eq < 0 ? null : head.slice(eq + 1).split('|'),
    object: subject.slice(i + 1),
  };
}
